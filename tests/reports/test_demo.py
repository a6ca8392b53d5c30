import pytest
from django.core.management import call_command

from portfolio.reports.choices import RunState
from portfolio.reports.models import QuarterlyReport, ReportRun
from portfolio.reports.quarters import last_completed

pytestmark = pytest.mark.django_db


def test_the_demo_has_last_quarters_report_built_in_process_once(personas, capsys):
    call_command("load_demo_data")
    quarter = str(last_completed())
    report = QuarterlyReport.objects.get(quarter=quarter)
    assert report.is_current and report.figures["quarter"] == quarter
    # The portfolio demo's projects are created "now", after the last quarter ended, so
    # the report (as of that quarter's end) rightly counts none of them.
    assert report.figures["staffing"]["totals"]["total"] > 0
    assert report.figures["survey"] is not None
    assert ReportRun.objects.get().state == RunState.DONE
    call_command("load_demo_data")
    capsys.readouterr()
    assert QuarterlyReport.objects.count() == 1 and ReportRun.objects.count() == 1
