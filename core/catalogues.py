"""The translation catalogues: compiling ``.po`` files to ``.mo`` without GNU gettext, and
checking them (see README, "Translations").

A fresh machine has no ``msgfmt``, so the compiled ``.mo`` files are committed and compiled
here with polib; the tests compile each ``.po`` in memory and compare the bytes with the
committed ``.mo`` (a checkout changes modification times, never contents).
"""

from pathlib import Path

import polib
from django.conf import settings


def catalogue_paths():
    """Every ``django.po`` under the project's LOCALE_PATHS, sorted."""
    paths = []
    for root in settings.LOCALE_PATHS:
        paths.extend(sorted(Path(root).glob("*/LC_MESSAGES/*.po")))
    return paths


def compile_po(po_path):
    """The ``.mo`` bytes for ``po_path``: translated, non-fuzzy, non-obsolete entries only."""
    catalogue = polib.pofile(str(po_path), wrapwidth=0)
    return catalogue.to_binary()


def mo_path(po_path):
    return Path(po_path).with_suffix(".mo")


def compile_catalogue(po_path):
    """Write the ``.mo`` beside ``po_path``; True when its bytes changed."""
    target = mo_path(po_path)
    data = compile_po(po_path)
    if target.exists() and target.read_bytes() == data:
        return False
    target.write_bytes(data)
    return True


def stale_catalogues():
    """The ``.po`` files whose committed ``.mo`` is missing or differs from their compilation."""
    return [
        po
        for po in catalogue_paths()
        if not mo_path(po).exists() or mo_path(po).read_bytes() != compile_po(po)
    ]


def incomplete_entries(po_path):
    """(untranslated, fuzzy) entries of a catalogue, obsolete ones aside."""
    catalogue = polib.pofile(str(po_path), wrapwidth=0)
    untranslated = [e for e in catalogue.untranslated_entries() if not e.obsolete]
    fuzzy = [e for e in catalogue.fuzzy_entries() if not e.obsolete]
    return untranslated, fuzzy
