"""Calendar quarters: "2026-Q3" names 1 July to 30 September 2026."""

import datetime
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core import clock

#: The portfolio's years (business case costs are validated to the same range).
FIRST_YEAR, LAST_YEAR = 2000, 2100
QUARTER_RE = re.compile(r"^(?P<year>\d{4})-Q(?P<q>[1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int

    def __str__(self):
        return f"{self.year}-Q{self.number}"

    @classmethod
    def parse(cls, text):
        match = QUARTER_RE.match((text or "").strip().upper())
        if not match:
            raise ValidationError(
                _("“%(value)s” is not a quarter; write it like 2026-Q3.") % {"value": text}
            )
        year = int(match["year"])
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise ValidationError(
                _("Reports cover the years %(first)s to %(last)s.")
                % {"first": FIRST_YEAR, "last": LAST_YEAR}
            )
        return cls(year, int(match["q"]))

    @classmethod
    def of(cls, day):
        return cls(day.year, (day.month - 1) // 3 + 1)

    @property
    def start(self):
        return datetime.date(self.year, 3 * (self.number - 1) + 1, 1)

    @property
    def next(self):
        if self.number == 4:
            return Quarter(self.year + 1, 1)
        return Quarter(self.year, self.number + 1)

    @property
    def previous(self):
        if self.number == 1:
            return Quarter(self.year - 1, 4)
        return Quarter(self.year, self.number - 1)

    @property
    def end(self):
        return self.next.start - datetime.timedelta(days=1)

    @property
    def cutoff(self):
        """The first instant after the quarter: everything before it belongs to the report."""
        return timezone.make_aware(datetime.datetime.combine(self.next.start, datetime.time.min))

    @property
    def start_instant(self):
        return timezone.make_aware(datetime.datetime.combine(self.start, datetime.time.min))


def last_completed(today=None):
    return Quarter.of(today or clock.today()).previous


def validate_quarter(value):
    Quarter.parse(value)
