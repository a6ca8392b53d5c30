"""Surveys over REST: the list and detail the pages show, results with the page's suppression."""

import datetime

import pytest

from survey.choices import SurveyStatus
from survey.models import Survey, Topic
from survey.results import summarise
from tests.survey.factories import SurveyFactory, make_responses
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.queries import assert_constant_queries

pytestmark = pytest.mark.django_db

#: Nobody reads the results of an open survey (ANONYMITY.md), the PMO and the CITO neither.
IN_PROGRESS_READERS = set()


def closed_survey(responses=30):
    survey = SurveyFactory(
        status=SurveyStatus.CLOSED,
        opens_on=datetime.date(2025, 1, 1),
        closes_on=datetime.date(2025, 2, 1),
    )
    make_responses(survey, responses)
    return survey


# --------------------------------------------------------------------------- every persona


class TestSurveyList(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        closed_survey(0)
        SurveyFactory(status=SurveyStatus.DRAFT)
        return "/api/v1/surveys/"


class TestSurveyDetail(ApiPersonaAccessMixin):
    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return f"/api/v1/surveys/{closed_survey(0).pk}/"


class TestDraftSurveyDetail(ApiPersonaAccessMixin):
    """A draft exists only for the PMO, who manages surveys: others get 404."""

    allowed = {"pmo"}

    def expected_status(self, username):
        return 200 if username == "pmo" else 404

    def get_url(self, personas):
        return f"/api/v1/surveys/{SurveyFactory(status=SurveyStatus.DRAFT).pk}/"


class TestClosedSurveyResults(ApiPersonaAccessMixin):
    """Everyone signed in sees the topic-level results of a closed survey."""

    allowed = ApiPersonaAccessMixin.ALL

    def get_url(self, personas):
        return f"/api/v1/surveys/{closed_survey().pk}/results/"


class TestOpenSurveyResults(ApiPersonaAccessMixin):
    """While a survey is open, nobody sees its results."""

    allowed = IN_PROGRESS_READERS

    def get_url(self, personas):
        survey = SurveyFactory(status=SurveyStatus.OPEN)
        make_responses(survey, 10)
        return f"/api/v1/surveys/{survey.pk}/results/"


class TestDraftSurveyResults(ApiPersonaAccessMixin):
    """A draft has no results; only its managers know it exists."""

    allowed = set()

    def expected_status(self, username):
        return 403 if username == "pmo" else 404

    def get_url(self, personas):
        return f"/api/v1/surveys/{SurveyFactory(status=SurveyStatus.DRAFT).pk}/results/"


# --------------------------------------------------------------------------- behaviour


def test_results_are_the_results_pages_figures(personas):
    survey = closed_survey(40)
    body = token_client(personas["staff"]).get(f"/api/v1/surveys/{survey.pk}/results/").json()
    summary = summarise(survey)
    assert body["respondents"] == 40 and body["suppressed"] is False
    assert body["minimum_group_size"] == summary.minimum
    by_code = {row["code"]: row for row in body["topics"]}
    for result in summary.topics:
        row = by_code[result.topic.code]
        assert row["satisfaction"] == result.rate
        assert row["suppressed"] == result.suppressed
        assert row["target"] == survey.target
        if not result.suppressed:
            assert row["rated"] == result.rated
            assert sum(r["count"] for r in row["distribution"]) == sum(result.counts.values())


def test_a_survey_with_too_few_respondents_shows_no_figure(personas, settings):
    settings.SURVEY_MIN_GROUP_SIZE = 5
    survey = closed_survey(3)
    body = token_client(personas["pmo"]).get(f"/api/v1/surveys/{survey.pk}/results/").json()
    assert body["suppressed"] is True and body["respondents"] is None
    for row in body["topics"]:
        assert row["suppressed"] is True
        assert row["satisfaction"] is None and row["rated"] is None
        assert row["distribution"] is None


def test_open_results_are_refused_with_a_message(personas):
    survey = SurveyFactory(status=SurveyStatus.OPEN)
    response = token_client(personas["staff"]).get(f"/api/v1/surveys/{survey.pk}/results/")
    assert response.status_code == 403
    assert "not open to you" in response.json()["error"]["message"]


def test_the_list_says_what_the_caller_may_see(personas):
    closed = closed_survey(0)
    SurveyFactory(status=SurveyStatus.OPEN)
    rows = token_client(personas["staff"]).get("/api/v1/surveys/?limit=100").json()["results"]
    by_id = {row["id"]: row for row in rows}
    assert by_id[closed.pk]["results_visible"] is True
    assert by_id[closed.pk]["detailed_results_visible"] is False
    assert all(row["status"] != "draft" for row in rows)


def test_the_survey_api_is_read_only(personas):
    survey = closed_survey(0)
    pmo = token_client(personas["pmo"])
    assert pmo.post("/api/v1/surveys/", {"title": "x"}).status_code == 405
    assert pmo.put(f"/api/v1/surveys/{survey.pk}/", {"title": "x"}).status_code == 405
    reader = token_client(personas["api.reader"], read_only=True)
    refused = reader.post("/api/v1/surveys/", {"title": "x"})
    assert refused.status_code == 403 and "read-only" in refused.json()["error"]["message"]
    assert Survey.objects.get(pk=survey.pk).title == survey.title


def test_a_bad_comparison_is_404(personas):
    survey = closed_survey(0)
    response = token_client(personas["pmo"]).get(
        f"/api/v1/surveys/{survey.pk}/results/?compare=999999"
    )
    assert response.status_code == 404


# --------------------------------------------------------------------------- query counts


def _grow_surveys(count):
    def grow():
        surveys = Survey.objects.bulk_create(
            Survey(
                title=f"Survey {i}",
                status=SurveyStatus.CLOSED,
                opens_on=datetime.date(2000, 1, 1),
                closes_on=datetime.date(2000, 2, 1),
            )
            for i in range(count)
        )
        topics = list(Topic.objects.all()[:3])
        Survey.topics.through.objects.bulk_create(
            Survey.topics.through(survey=survey, topic=topic)
            for survey in surveys
            for topic in topics
        )

    return grow


def test_survey_list_keeps_constant_queries_for_10_and_1000_rows(personas):
    _grow_surveys(10)()
    assert_constant_queries(
        token_client(personas["chief.geneva"]), "/api/v1/surveys/?limit=500", _grow_surveys(990)
    )


def test_results_keep_constant_queries_as_responses_grow(personas):
    survey = closed_survey(10)
    assert_constant_queries(
        token_client(personas["staff"]),
        f"/api/v1/surveys/{survey.pk}/results/",
        lambda: make_responses(survey, 300, seed=2),
    )
