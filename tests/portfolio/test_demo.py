import pytest

from core.loading import Loader
from governance.models import Decision
from portfolio import demo
from portfolio.choices import ProjectState
from portfolio.models import Asset, BusinessCase, PmoReview, Project, Score, StatusReport

pytestmark = pytest.mark.django_db


def test_demo_has_every_state_in_every_programme_and_a_second_run_creates_nothing(personas):
    demo.load(Loader())
    states = set(Project.objects.values_list("state", flat=True))
    assert states == set(ProjectState.values)
    assert set(Project.objects.values_list("programme__code", flat=True)) == {
        "knowledge",
        "resource",
        "infrastructure",
    }
    assert BusinessCase.objects.filter(number=2).exists()
    assert PmoReview.objects.exists() and Score.objects.exists()
    assert StatusReport.objects.exists() and Asset.objects.exists()
    assert Decision.objects.filter(subject_version_label__startswith="business case").exists()
    counts = [m.objects.count() for m in (Project, BusinessCase, StatusReport, Decision, Asset)]
    loader = Loader()
    demo.load(loader)
    assert [
        m.objects.count() for m in (Project, BusinessCase, StatusReport, Decision, Asset)
    ] == counts
    assert loader.changes == 0
