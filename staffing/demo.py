"""Demo staffing: snapshots after the 2007 Annex IV so trends show, and plans for 2026."""

import datetime

from governance.models import OrganisationUnit

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


def load(loader):
    base = {s.unit_id: s for s in StaffingSnapshot.objects.filter(as_of=ANNEX_IV_DATE)}
    units = OrganisationUnit.objects.filter(pk__in=base)
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
