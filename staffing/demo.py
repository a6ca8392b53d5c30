"""Demo staffing: snapshots after the 2007 Annex IV so trends show, plans for 2026, and, for
each quarter of the demo's past, the headcount each ICT chief reported at the quarter's end
(through the service, on the day it was reported)."""

import datetime

from core import clock
from governance.demo import history_quarters, moment, play
from governance.models import OrganisationUnit

from . import services
from .choices import CATEGORIES
from .models import StaffingPlan, StaffingSnapshot
from .reference import ANNEX_IV_DATE

# date -> growth against the 2007 figures, in percent, per category group
SNAPSHOTS = {
    datetime.date(2009, 12, 31): 104,
    datetime.date(2012, 12, 31): 109,
    datetime.date(2018, 12, 31): 101,
    datetime.date(2025, 12, 31): 97,
}
PLAN_YEAR = 2026
#: Quarter by quarter, the units with a chief grow their contractors and local staff a little.
QUARTERLY_GROWTH = {"contractors": 3, "local": 1}


def load(loader):
    base = {s.unit_id: s for s in StaffingSnapshot.objects.filter(as_of=ANNEX_IV_DATE)}
    units = OrganisationUnit.objects.filter(pk__in=base).select_related("chief")
    stories = []
    for unit in units:
        figures = base[unit.pk]
        for day, percent in SNAPSHOTS.items():
            loader.sync(
                StaffingSnapshot,
                {"unit": unit, "as_of": day},
                {
                    **{
                        name: getattr(figures, name)
                        * (percent + (5 if name == "contractors" else 0))
                        // 100
                        for name in CATEGORIES
                    },
                    "source": "Demo data",
                },
            )
        loader.sync(
            StaffingPlan,
            {"unit": unit, "year": PLAN_YEAR},
            {name: getattr(figures, name) for name in CATEGORIES},
        )
        if unit.chief is not None:
            stories.append(_quarterly_reports(loader, unit, figures))
    play(stories)


def _quarterly_reports(loader, unit, figures):
    """The chief reports the unit's headcount on each quarter's last day, ten days later."""
    # Read before the first step: inside a step the clock stands at that step's moment.
    today, now = clock.today(), clock.now()
    for index, (_first, last) in enumerate(history_quarters(today)):
        if StaffingSnapshot.objects.filter(unit=unit, as_of=last).exists():
            continue
        reported = min(last + datetime.timedelta(days=10), today)
        yield moment(reported, 9) if reported < today else now
        counts = {
            name: getattr(figures, name) * (100 + QUARTERLY_GROWTH.get(name, 0) * index) // 100
            for name in CATEGORIES
        }
        services.snapshot_submit(
            unit=unit, as_of=last, counts=counts, actor=unit.chief, source="Quarterly report"
        )
        loader.counts[(StaffingSnapshot._meta.verbose_name_plural, "created")] += 1
