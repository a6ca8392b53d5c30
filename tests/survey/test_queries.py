"""Acceptance 4: survey pages run the same number of queries as responses grow."""

import datetime

import pytest
from django.urls import reverse

from survey.choices import SurveyStatus
from tests.testing.queries import assert_constant_queries

from .factories import SurveyFactory, make_responses

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed(reference_data):
    survey = SurveyFactory(status=SurveyStatus.CLOSED)
    make_responses(survey, 100, seed=1)
    return survey


def test_results_page_queries_are_the_same_for_100_and_10000_responses(client, pmo, closed):
    earlier = SurveyFactory(
        status=SurveyStatus.CLOSED,
        opens_on=datetime.date(2020, 1, 6),
        closes_on=datetime.date(2020, 2, 6),
    )
    make_responses(earlier, 30, seed=2)
    closed.compare_with = earlier
    closed.save()
    client.force_login(pmo)
    url = reverse("survey:results", args=[closed.pk])
    first = client.get(url).content.decode()
    assert earlier.title in first, "the comparison is on the page"
    count = assert_constant_queries(client, url, lambda: make_responses(closed, 9_900, seed=3))
    from survey.models import Response

    assert Response.objects.filter(survey=closed).count() == 10_000
    assert count <= 15


@pytest.mark.parametrize(
    "name", ["breakdown", "comments", "export_csv", "export_xlsx", "list", "detail"]
)
def test_other_pages_keep_their_query_count_as_responses_grow(client, pmo, closed, name):
    client.force_login(pmo)
    args = {"breakdown": [closed.pk, "organisation_unit"], "list": []}.get(name, [closed.pk])
    url = reverse(f"survey:{name}", args=args)

    def grow():
        make_responses(closed, 300, seed=4)
        SurveyFactory(status=SurveyStatus.CLOSED)

    assert_constant_queries(client, url, grow)
