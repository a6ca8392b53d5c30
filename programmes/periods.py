"""The periods KPIs are measured over: calendar months, quarters and years.

A period is named by a label a person can type: ``2025-07`` (a month), ``2025-Q3`` (a
quarter), ``2025`` (a year). Each KPI's frequency says which kind its measurements use.
"""

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .choices import Frequency

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date
    end: datetime.date
    frequency: str

    def __str__(self):
        return self.label

    @property
    def label(self):
        if self.frequency == Frequency.MONTHLY:
            return f"{self.start:%Y-%m}"
        if self.frequency == Frequency.QUARTERLY:
            return f"{self.start.year}-Q{(self.start.month - 1) // 3 + 1}"
        return str(self.start.year)

    @classmethod
    def containing(cls, frequency, day):
        if frequency == Frequency.MONTHLY:
            start = day.replace(day=1)
            return cls(start, _month_end(start), frequency)
        if frequency == Frequency.QUARTERLY:
            start = datetime.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
            return cls(start, _month_end(_add_months(start, 2)), frequency)
        return cls(datetime.date(day.year, 1, 1), datetime.date(day.year, 12, 31), frequency)

    @classmethod
    def parse(cls, frequency, label):
        """The period a label names; ``ValueError`` with a message a person can act on."""
        text = str(label or "").strip()
        patterns = {
            Frequency.MONTHLY: (_MONTH, _("a month such as 2025-07")),
            Frequency.QUARTERLY: (_QUARTER, _("a quarter such as 2025-Q3")),
            Frequency.YEARLY: (_YEAR, _("a year such as 2025")),
        }
        pattern, example = patterns[frequency]
        match = pattern.match(text)
        if not match:
            raise ValueError(_("Give %(example)s.") % {"example": example})
        year = int(match.group(1))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValueError(
                _("Give a year from %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        if frequency == Frequency.MONTHLY:
            month = int(match.group(2))
            if not 1 <= month <= 12:
                raise ValueError(_("Give %(example)s.") % {"example": example})
            return cls.containing(frequency, datetime.date(year, month, 1))
        if frequency == Frequency.QUARTERLY:
            return cls.containing(frequency, datetime.date(year, 3 * int(match.group(2)) - 2, 1))
        return cls.containing(frequency, datetime.date(year, 1, 1))

    @classmethod
    def starting(cls, frequency, start):
        """The period that starts on ``start``, or ``ValueError``."""
        period = cls.containing(frequency, start)
        if period.start != start:
            raise ValueError(_("A period of this KPI starts on %(day)s.") % {"day": period.start})
        return period

    @property
    def previous(self):
        return Period.containing(self.frequency, self.start - datetime.timedelta(days=1))

    @property
    def next(self):
        return Period.containing(self.frequency, self.end + datetime.timedelta(days=1))


def last_closed(frequency, today):
    """The latest period that has ended before ``today``."""
    return Period.containing(frequency, today).previous


def recent(frequency, today, count):
    """The current period and the ``count - 1`` before it, newest first."""
    period = Period.containing(frequency, today)
    periods = []
    for _index in range(count):
        periods.append(period)
        period = period.previous
    return periods


def _add_months(day, months):
    month = day.month - 1 + months
    return day.replace(year=day.year + month // 12, month=month % 12 + 1)


def _month_end(day):
    return _add_months(day.replace(day=1), 1) - datetime.timedelta(days=1)
