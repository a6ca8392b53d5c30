"""Demo: the reports of the last four completed quarters, each built in-process (no broker
needed) on the first day of the next quarter, as the beat would have built it then.

The demo's past (``governance.demo.HISTORY_QUARTERS``) gives each of them its own figures.
Idempotent: a quarter that has a current report is left alone.
"""

from importlib import import_module
from importlib.util import find_spec

from core import clock
from governance.demo import moment
from governance.models import User

from . import services
from .models import QuarterlyReport
from .quarters import last_completed

#: Apps whose demo data the report reads but which load after this one (INSTALLED_APPS order);
#: their loaders are idempotent, so running them first here is harmless.
READS_DEMO_OF = ("survey", "staffing")
#: The quarters the demo builds a report for, counted back from the last completed one.
REPORTED_QUARTERS = 4


def demo_quarters():
    """The last ``REPORTED_QUARTERS`` completed quarters, oldest first."""
    quarters = [last_completed()]
    while len(quarters) < REPORTED_QUARTERS:
        quarters.append(quarters[-1].previous)
    return quarters[::-1]


def load(loader):
    quarters = [
        quarter
        for quarter in demo_quarters()
        if not QuarterlyReport.objects.filter(quarter=str(quarter), is_current=True).exists()
    ]
    if not quarters:
        return
    for app in READS_DEMO_OF:
        if find_spec(f"{app}.demo") is not None:
            import_module(f"{app}.demo").load(loader)
    pmo = User.objects.filter(username="pmo").first()
    for quarter in quarters:
        with clock.travel(moment(quarter.next.start, 6)):
            services.report_build_now(quarter=quarter, actor=pmo)
        loader.counts[(QuarterlyReport._meta.verbose_name_plural, "created")] += 1
