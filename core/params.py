"""Reading ids and numbers from a request safely: a word, an empty value or a number too big
for the database is ``None`` (the view then answers 404 or a form error), never a 500."""

import datetime

from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1

#: The dates the portal accepts, wherever they are typed or sent: its records (strategy,
#: projects, budgets, staffing, assets) all fall in this span; "0001-01-01" or "9999-12-31"
#: are typing mistakes or probes.
DATE_MIN = datetime.date(1950, 1, 1)
DATE_MAX = datetime.date(2100, 12, 31)


def as_int(value, *, minimum=None, maximum=None):
    """``value`` as a whole number written in ASCII digits (an optional leading minus) within
    ``minimum``..``maximum``, or ``None``: "²", "1e20", "٣" or "12abc" are not numbers here."""
    text = str(value if value is not None else "").strip()
    digits = text[1:] if text.startswith("-") else text
    if not digits.isascii() or not digits.isdigit() or len(digits) > 19:
        return None
    number = int(text)
    if (minimum is not None and number < minimum) or (maximum is not None and number > maximum):
        return None
    return number


def as_id(value):
    """``value`` as a positive database id, or ``None``."""
    text = str(value or "").strip()
    if not text.isascii() or not text.isdigit():
        return None
    number = int(text)
    return number if 0 < number <= MAX_ID else None


def date_in_range(value):
    """Whether ``value`` (a date or a date-time) lies within ``DATE_MIN``..``DATE_MAX``."""
    if isinstance(value, datetime.datetime):
        value = value.date()
    return DATE_MIN <= value <= DATE_MAX


def validate_date(value):
    """A validator for every date field (installed by ``core.apps.CoreConfig``)."""
    if value is not None and not date_in_range(value):
        raise ValidationError(
            _("Enter a date between %(first)s and %(last)s.")
            % {"first": date_format(DATE_MIN), "last": date_format(DATE_MAX)},
            code="date_out_of_range",
        )


def as_date(value):
    """``value`` (``YYYY-MM-DD``) as a date within ``DATE_MIN``..``DATE_MAX``, or ``None``."""
    try:
        parsed = datetime.date.fromisoformat(str(value if value is not None else "").strip())
    except ValueError:
        return None
    return parsed if date_in_range(parsed) else None
