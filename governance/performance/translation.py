"""The service catalogue in the six languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.translations import keep_english_in_plain_columns

from .models import Service


@register(Service)
class ServiceTranslation(TranslationOptions):
    fields = ("name", "description")


keep_english_in_plain_columns(Service)
