"""The KPI sources the apps register, each checked against an independent computation over
the same records (acceptance 2 of issue 15 for the survey's satisfaction per unit)."""

import datetime
from decimal import Decimal

import pytest

from core import clock
from core.registry import kpi_sources
from governance.models import OrganisationUnit
from programmes import services
from programmes.choices import Standing
from survey.choices import SurveyStatus
from survey.models import Answer, Response, Topic
from tests.programmes.factories import kpi, unit_kpi
from tests.survey.factories import SurveyFactory, make_responses

pytestmark = pytest.mark.django_db
CLOSES = datetime.date(2025, 8, 20)
LATER = datetime.datetime(2025, 10, 2, 9, tzinfo=datetime.UTC)


@pytest.fixture
def survey():
    survey = SurveyFactory(
        status=SurveyStatus.CLOSED, opens_on=CLOSES - datetime.timedelta(days=30), closes_on=CLOSES
    )
    make_responses(survey, 400, seed=15)
    return survey


def independent_satisfaction(responses, unit_id, topic):
    """Satisfied (4, 5) over rated (1-5) among the unit's respondents, counted in Python."""
    mine = {r.pk for r in responses if r.organisation_unit_id == unit_id}
    ratings = [a.rating for a in Answer.objects.filter(topic=topic) if a.response_id in mine]
    rated = [r for r in ratings if r != 0]
    satisfied = [r for r in rated if r >= 4]
    return round(100 * len(satisfied) / len(rated), 1)


def test_survey_satisfaction_per_unit_equals_an_independent_computation(survey, pmo):
    responses = list(Response.objects.filter(survey=survey))
    overall = Topic.objects.get(is_overall=True)
    for code in ("unog", "unon", "dm", "dfs"):
        measure = unit_kpi(
            code, "user-satisfaction", source="survey.satisfaction", frequency="yearly"
        )
        with clock.frozen_at(LATER):
            measurement = services.measurement_compute(kpi=measure, period="2025", actor=pmo)
        unit_id = OrganisationUnit.objects.get(code=code).pk
        expected = independent_satisfaction(responses, unit_id, overall)
        assert measurement.value == Decimal(str(expected)), code
        assert measurement.standing == (
            Standing.ON_TARGET
            if expected >= 80
            else Standing.NEAR_TARGET
            if expected >= 70
            else Standing.OFF_TARGET
        )


def test_survey_satisfaction_per_topic_and_nothing_outside_the_period(survey):
    compute = kpi_sources["survey.satisfaction"].compute
    topic = Topic.objects.get(code="service-desk")
    answers = list(
        Answer.objects.filter(topic=topic, response__survey=survey).values_list("rating", flat=True)
    )
    rated = [a for a in answers if a]
    expected = round(100 * sum(1 for a in rated if a >= 4) / len(rated), 1)
    start, end = datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)
    assert compute(start=start, end=end, topic="service-desk") == expected
    assert compute(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 6, 30)) is None
    # A programme's KPI is not measured by the survey.
    from programmes.models import Programme

    assert compute(start=start, end=end, owner=Programme.objects.first()) is None


def test_a_unit_with_fewer_respondents_than_the_minimum_is_suppressed(settings):
    survey = SurveyFactory(
        status=SurveyStatus.CLOSED, opens_on=CLOSES - datetime.timedelta(days=30), closes_on=CLOSES
    )
    make_responses(survey, 3, units=OrganisationUnit.objects.filter(code="unov"))
    compute = kpi_sources["survey.satisfaction"].compute
    assert (
        compute(start=datetime.date(2025, 7, 1), end=datetime.date(2025, 9, 30), owner="unov")
        is None
    )


def test_staff_per_category_reads_the_annex_iv_snapshots():
    compute = kpi_sources["staffing.headcount"].compute
    day = datetime.date(2007, 12, 31)
    assert compute(start=datetime.date(2007, 1, 1), end=day) == 3783
    assert compute(start=datetime.date(2007, 1, 1), end=day, category="fs") == 638
    assert compute(start=datetime.date(2007, 1, 1), end=day, owner="unog", category="p") == 33
    assert compute(start=datetime.date(2007, 1, 1), end=day, category="nonsense") is None


def test_service_level_attainment_counts_the_levels_on_target(pmo):
    from governance.performance import services as catalogue
    from governance.performance.models import Service

    desk, email = Service.objects.get(code="service-desk"), Service.objects.get(code="email")
    levels = [kpi("svc-a"), kpi("svc-b"), kpi("svc-c")]
    for service, level in ((desk, levels[0]), (desk, levels[1]), (email, levels[2])):
        catalogue.service_level_set(service=service, kpi=level, kind="availability", actor=pmo)
    with clock.frozen_at(LATER):
        for level, value in zip(levels, ("90", "50", "85"), strict=True):
            services.measurement_record(kpi=level, period="2025-Q3", value=value, actor=pmo)
    compute = kpi_sources["services.attainment"].compute
    start, end = datetime.date(2025, 7, 1), datetime.date(2025, 9, 30)
    assert compute(start=start, end=end) == round(100 * 2 / 3, 2)
    assert compute(start=start, end=end, service="service-desk") == 50
    assert compute(start=start, end=end, owner="oict-ims") == 100  # e-mail's owner
    assert compute(start=datetime.date(2025, 1, 1), end=datetime.date(2025, 3, 31)) is None


def test_every_source_the_issue_names_is_registered():
    assert {
        "survey.satisfaction",
        "portfolio.projects_green",
        "portfolio.reports_on_time",
        "portfolio.budget_execution",
        "staffing.headcount",
        "services.attainment",
    } <= set(kpi_sources.keys())
