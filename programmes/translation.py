"""The strategy's reference data in the six languages (django-modeltranslation)."""

from modeltranslation.translator import TranslationOptions, register

from core.translations import keep_english_in_plain_columns

from .models import Initiative, Objective, PriorityArea, Programme


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "goal")


@register(Objective)
class ObjectiveTranslation(TranslationOptions):
    fields = ("text",)


@register(Initiative)
class InitiativeTranslation(TranslationOptions):
    fields = ("name", "description", "benefit")


@register(PriorityArea)
class PriorityAreaTranslation(TranslationOptions):
    fields = ("name", "description")


keep_english_in_plain_columns(Programme, Objective, Initiative, PriorityArea)
