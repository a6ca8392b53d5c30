"""The six catalogues: compiled, complete, and free of ambiguous English words."""

import re

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils.translation import to_locale

from core import catalogues

# Catalogues still being translated: the completeness check skips them. All six are complete:
# a new string is translated in every language in the commit that adds it.
TRANSLATION_IN_PROGRESS: set[str] = set()

# English words with several senses: the portal always gives them a context (pgettext), so
# that Django's own catalogues never supply the wrong sense ("Change" the button is not
# "Modification"; "Filter" the button is not the noun).
AMBIGUOUS = {"Change", "Filter", "Open", "Close", "Closed", "Order", "Record", "View"}

LOCALES = [to_locale(code) for code, _name in settings.LANGUAGES]
NON_ENGLISH = [locale for locale in LOCALES if locale != "en"]


def po(locale):
    return settings.LOCALE_PATHS[0] / locale / "LC_MESSAGES" / "django.po"


@pytest.mark.parametrize("locale", LOCALES)
def test_every_official_language_has_a_catalogue(locale):
    assert po(locale).exists()


def test_every_mo_is_the_compilation_of_its_po():
    """By content, not modification time (a checkout sets every file's time)."""
    stale = catalogues.stale_catalogues()
    assert not stale, f"run `python manage.py compile_catalogues`: {stale}"


def test_compile_catalogues_check_passes(capsys):
    call_command("compile_catalogues", "--check")
    assert "up to date" in capsys.readouterr().out


@pytest.mark.parametrize("locale", NON_ENGLISH)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(locale):
    if locale in TRANSLATION_IN_PROGRESS:
        pytest.skip(f"the {locale} catalogue is being translated (TRANSLATION_IN_PROGRESS)")
    untranslated, fuzzy = catalogues.incomplete_entries(po(locale))
    assert not untranslated, [e.msgid for e in untranslated[:20]]
    assert not fuzzy, [e.msgid for e in fuzzy[:20]]


def test_ambiguous_words_always_have_a_context():
    import polib

    bare = [
        entry.msgid
        for entry in polib.pofile(str(po("en")))
        if entry.msgid in AMBIGUOUS and not entry.msgctxt
    ]
    assert not bare, f"use pgettext / {{% translate ... context ... %}} for {bare}"


PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]|%[sdif]|\{(\w*)\}")


def placeholders(text):
    return sorted(m.group(0) for m in PLACEHOLDER.finditer(text))


@pytest.mark.parametrize("locale", NON_ENGLISH)
def test_translations_keep_every_placeholder(locale):
    """A translation that drops or renames ``%(name)s`` fails at run time (GNU msgfmt --check
    would catch it; the pure-Python compiler does not)."""
    import polib

    wrong = []
    for entry in polib.pofile(str(po(locale))):
        if entry.obsolete or "fuzzy" in entry.flags:
            continue
        if not ({"python-format", "python-brace-format"} & set(entry.flags)):
            continue
        expected = placeholders(entry.msgid)
        if entry.msgid_plural:
            translations = [t for t in entry.msgstr_plural.values() if t]
            # A form for "one" may leave the count out; the names must all be there.
            for text in translations:
                names = {p for p in placeholders(text) if p.startswith("%(")}
                if names - {p for p in placeholders(entry.msgid_plural) if p.startswith("%(")}:
                    wrong.append((entry.msgid, text))
            continue
        if entry.msgstr and placeholders(entry.msgstr) != expected:
            wrong.append((entry.msgid, entry.msgstr))
    assert not wrong, "\n".join(f"{msgid!r} -> {msgstr!r}" for msgid, msgstr in wrong[:20])
