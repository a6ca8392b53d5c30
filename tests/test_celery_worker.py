"""A task sent through Redis to a real Celery worker process, which reads the database."""

import pytest

from staffing.tasks import compute_staffing_summary
from tests.testing.personas import ensure_reference_data

pytestmark = pytest.mark.celery_worker


def test_a_real_worker_computes_the_annex_iv_totals(celery_worker_process):
    ensure_reference_data()
    result = compute_staffing_summary.delay("2007-12-31")
    summary = result.get(timeout=90)
    assert result.successful()
    assert summary["totals"]["total"] == 3783
    assert summary["totals"]["international"] == 1484
    assert len(summary["rows"]) == 9


def test_without_a_broker_the_same_task_runs_in_process(reference_data, settings):
    from config.celery import app

    if not app.conf.task_always_eager:
        pytest.skip("a broker is configured")
    assert compute_staffing_summary.delay("2007-12-31").get()["totals"]["total"] == 3783
