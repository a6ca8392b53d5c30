from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The shared building blocks. At start-up it sets the one rule for every date the portal
    reads, in forms (pages, admin, filters) and in the API alike: ``core.params.DATE_MIN`` to
    ``core.params.DATE_MAX`` (``validate_date``); and the API reads text only from strings."""

    name = "core"
    verbose_name = "Core"

    def ready(self):
        from django import forms
        from rest_framework import serializers

        from .params import validate_date

        # Every date and date-time field, whoever declares it (a form, a model form, the
        # admin, django-filter, a serializer), gets the range check as a default validator.
        for field_class in (
            forms.DateField,
            forms.DateTimeField,
            serializers.DateField,
            serializers.DateTimeField,
        ):
            if validate_date not in field_class.default_validators:
                field_class.default_validators = [
                    *field_class.default_validators,
                    validate_date,
                ]

        _strict_api_text(serializers.CharField)


def _strict_api_text(field_class):
    """DRF's ``CharField`` reads a JSON number as text (``{"text": 0}`` becomes ``"0"``), which
    the schema (``type: string``) calls invalid: the API refuses it, with DRF's own message.
    Form and multipart bodies are strings anyway."""
    if getattr(field_class.to_internal_value, "strict_text", False):
        return
    lenient = field_class.to_internal_value

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("invalid")
        return lenient(self, data)

    to_internal_value.strict_text = True
    field_class.to_internal_value = to_internal_value
