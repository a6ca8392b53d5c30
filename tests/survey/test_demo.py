import pytest

from core.loading import Loader
from survey import demo
from survey.models import Comment, Response, Survey
from survey.results import breakdown, summarise

pytestmark = pytest.mark.django_db

REPORT = {  # para 9 and para 8 (overall)
    "office-software": 79,
    "telephone": 79,
    "computer-equipment": 76,
    "email": 74,
    "internet": 73,
    "training": 62,
    "remote-access": 64,
    "common-applications": 66,
    "mobile-devices": 67,
    "finding-information": 67,
    "overall": 71,
}


@pytest.fixture
def loaded(reference_data, personas):
    demo.load(Loader())
    return Survey.objects.get(title=demo.FIRST_SURVEY)


def test_the_first_survey_matches_the_reports_figures(loaded):
    assert loaded.status == "closed"
    assert Response.objects.filter(survey=loaded).count() == 5015
    summary = summarise(loaded)
    for result in summary.topics:
        if result.topic.code in REPORT:
            assert round(result.rate) == REPORT[result.topic.code], result.topic.code


def test_units_range_roughly_from_62_to_82_percent_and_comments_exceed_1500(loaded):
    table = breakdown(loaded, "organisation_unit")
    overall = [value for row in table.rows for topic, value in row.cells if topic.is_overall]
    assert 61 <= min(overall) <= 64 and 80 <= max(overall) <= 83
    commenting = Comment.objects.filter(response__survey=loaded).values("response").distinct()
    assert 1500 <= commenting.count() <= 1600


def test_demo_has_an_open_survey_and_a_second_run_creates_nothing(loaded):
    open_survey = Survey.objects.get(title=demo.OPEN_SURVEY)
    assert open_survey.is_accepting()
    loader = Loader()
    demo.load(loader)
    assert loader.changes == 0
    assert Response.objects.count() == 5015
