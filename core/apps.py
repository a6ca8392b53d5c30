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
        _remembered_cell_signatures()


def _remembered_cell_signatures():
    """django-tables2 inspects each cell's ``render`` function on every cell (``inspect``
    costs a fifth of a 50-row table's rendering); a function's parameters never change, so
    they are read once per function (per method, bound or not; at most a few thousand)."""
    from django_tables2 import utils

    if getattr(utils.signature, "remembered", False):
        return
    inspect_each_time = utils.signature
    known = {}

    def signature(fn):
        function = getattr(fn, "__func__", None)
        key = (function, True) if function is not None else (fn, False)
        try:
            return known[key]
        except KeyError:
            found = inspect_each_time(fn)
        except TypeError:  # an unhashable callable: not remembered
            return inspect_each_time(fn)
        if len(known) < 4096:
            known[key] = found
        return found

    signature.remembered = True
    utils.signature = signature


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
