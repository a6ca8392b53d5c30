"""The survey's topics in the six languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.translations import keep_english_in_plain_columns

from .models import Topic


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


keep_english_in_plain_columns(Topic)
