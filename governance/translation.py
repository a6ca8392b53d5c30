"""The organisation's reference data in the six languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.translations import keep_english_in_plain_columns

from .models import Body, OrganisationUnit


@register(OrganisationUnit)
class OrganisationUnitTranslation(TranslationOptions):
    fields = ("name",)


@register(Body)
class BodyTranslation(TranslationOptions):
    fields = ("name", "composition", "mandate")


keep_english_in_plain_columns(OrganisationUnit, Body)
