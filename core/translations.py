"""Reference data in the six languages (django-modeltranslation), for the apps' loaders,
forms and services.

A translated field ``name`` has a column per language (``name_ar``, ``name_zh_hans``,
``name_en``...); reading ``obj.name`` gives the reader's language, English where it is empty.
Write the language columns, never the plain ``name`` (it means "the current language").
"""

from django.conf import settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname

DEFAULT = "en"
LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
#: In the reference YAML files: ``name`` is English, ``name_zh`` the report's Chinese, and
#: ``name_ar``, ``name_fr``, ``name_ru``, ``name_es`` the project's translations.
YAML_SUFFIX = {"en": "", "zh-hans": "_zh", "ar": "_ar", "fr": "_fr", "ru": "_ru", "es": "_es"}


def localized(field, languages=LANGUAGE_CODES):
    """``name`` -> ``["name_ar", "name_zh_hans", "name_en", ...]``."""
    return [build_localized_fieldname(field, code) for code in languages]


def translated_fields(model):
    try:
        return tuple(translator.get_options_for_model(model).fields)
    except NotRegistered:
        return ()


def reference_values(item, *fields):
    """The values of ``fields`` in every language from one item of a reference YAML file
    (``None`` where a language has no text, so that it shows in English)."""
    values = {}
    for field in fields:
        english = item.get(field) or ""
        values[field] = english
        for code in LANGUAGE_CODES:
            text = english if code == DEFAULT else item.get(f"{field}{YAML_SUFFIX[code]}")
            values[build_localized_fieldname(field, code)] = text or None
    return values


def as_stored(model, values):
    """``values`` for a form or service: a translated field's plain name means its English
    text (``name`` -> ``name_en``), whatever language the person reads in."""
    plain = set(translated_fields(model))
    return {
        (build_localized_fieldname(name, DEFAULT) if name in plain else name): value
        for name, value in values.items()
    }


def fill_missing_translations(instance, values):
    """Set the translations in ``values`` that ``instance`` has not got yet (a text someone
    wrote in the portal is never overwritten); True when something was saved."""
    missing = {
        name: value
        for name, value in values.items()
        if value and name not in translated_fields(type(instance)) and not getattr(instance, name)
    }
    for name, value in missing.items():
        setattr(instance, name, value)
    if missing:
        instance.save(update_fields=list(missing))
    return bool(missing)


def keep_english_in_plain_columns(*models):
    """After each save of ``models``, write each translated field's English text into its plain
    column: reads that go through another model (``values("unit__name")``, orderings) see the
    plain column, which modeltranslation would otherwise leave in the last saver's language."""
    from django.db.models import F, QuerySet, Value
    from django.db.models.functions import Coalesce
    from django.db.models.signals import post_save

    def write_english(sender, instance, raw=False, **kwargs):
        if raw:
            return
        fields = translated_fields(sender)
        # A plain QuerySet: modeltranslation's would rewrite "name" to the current language.
        QuerySet(model=sender).filter(pk=instance.pk).update(
            **{
                field: Coalesce(F(build_localized_fieldname(field, DEFAULT)), Value(""))
                for field in fields
            }
        )

    for model in models:
        post_save.connect(write_english, sender=model, weak=False, dispatch_uid=f"english:{model}")
