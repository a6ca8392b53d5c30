import datetime

from core.loading import read_csv
from governance.models import OrganisationUnit

from .choices import CATEGORIES
from .models import StaffingSnapshot

ANNEX_IV_DATE = datetime.date(2007, 12, 31)
ANNEX_IV_SOURCE = "ICT strategy report, Annex IV"


def load(loader):
    units = {u.code: u for u in OrganisationUnit.objects.filter(annex_iv_row__isnull=False)}
    for row in read_csv("staffing", "annex_iv_2007-12-31.csv"):
        loader.sync(
            StaffingSnapshot,
            {"unit": units[row["unit"]], "as_of": ANNEX_IV_DATE},
            {name: int(row[name] or 0) for name in CATEGORIES} | {"source": ANNEX_IV_SOURCE},
        )
