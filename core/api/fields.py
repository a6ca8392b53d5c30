"""Serializer fields shared by the apps' APIs."""

from django.utils.translation import get_language
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers


# A label is free text in the reader's language: without this the schema would describe it as
# the model field it reads (the enum of the choice's values), and the contract test fails.
@extend_schema_field(OpenApiTypes.STR)
class ChoiceLabelField(serializers.ReadOnlyField):
    """The label of a choice field's value, in the request's language.

    ``get_FOO_display`` hashes the lazy labels of every choice on every call (13 translation
    look-ups per row for a project's state); this translates each label once per language.
    """

    def __init__(self, choices, **kwargs):
        self._choices = choices
        self._labels = {}
        super().__init__(**kwargs)

    def to_representation(self, value):
        language = get_language()
        labels = self._labels.get(language)
        if labels is None:
            labels = {key: str(label) for key, label in self._choices.choices}
            self._labels[language] = labels
        return labels.get(value, value)
