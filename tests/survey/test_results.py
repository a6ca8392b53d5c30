"""Acceptance 2: results equal an independent computation; small groups never show."""

import csv
import io
from collections import defaultdict

import pytest
from openpyxl import load_workbook

from survey import exports
from survey.dimensions import DIMENSIONS
from survey.results import breakdown, summarise, suppressed_keys

from .factories import SurveyFactory, make_responses

pytestmark = pytest.mark.django_db

SMALL_STATION = ("santiago", 3)


def independent(responses, key=lambda r: None):
    """satisfaction % per (group, topic id), and group sizes, in plain Python."""
    satisfied, rated, sizes = defaultdict(int), defaultdict(int), defaultdict(int)
    for response in responses:
        group = key(response)
        sizes[group] += 1
        for answer in response._answers:
            if answer.rating != 0:
                rated[(group, answer.topic_id)] += 1
                satisfied[(group, answer.topic_id)] += answer.rating >= 4
    rates = {k: round(100 * satisfied[k] / rated[k], 1) for k in rated}
    return rates, rated, sizes


@pytest.fixture
def generated(reference_data):
    survey = SurveyFactory()
    responses = make_responses(survey, 400, seed=7, small_groups={"duty_station": SMALL_STATION})
    from survey.models import Answer

    by_response = defaultdict(list)
    for answer in Answer.objects.filter(response__survey=survey):
        by_response[answer.response_id].append(answer)
    for response in responses:
        response._answers = by_response[response.pk]
    return survey, responses


def test_topic_satisfaction_equals_independent_computation(generated):
    survey, responses = generated
    rates, rated, _sizes = independent(responses)
    summary = summarise(survey)
    assert summary.respondents == 400
    for result in summary.topics:
        assert result.rate == rates[(None, result.topic.pk)]
        assert result.rated == rated[(None, result.topic.pk)]
        assert result.gap == round(rates[(None, result.topic.pk)] - 80, 1)


@pytest.mark.parametrize("dimension", [d.key for d in DIMENSIONS])
def test_every_dimension_equals_independent_computation_and_hides_small_groups(
    generated, dimension
):
    survey, responses = generated
    field = "organisation_unit_id" if dimension == "organisation_unit" else dimension
    rates, rated, sizes = independent(responses, key=lambda r: getattr(r, field) or "")
    table = breakdown(survey, dimension)
    shown = {row.key: row for row in table.rows}
    for group, size in sizes.items():
        if size < 5:
            assert group not in shown, f"group {group!r} of {size} is shown"
    assert shown, "some groups are shown"
    for key, row in shown.items():
        assert row.respondents == sizes[key]
        for topic, value in row.cells:
            if 0 < rated.get((key, topic.pk), 0) < 5:
                assert value is None, "a figure on fewer than 5 ratings is shown"
            if value is not None:
                assert value == rates[(key, topic.pk)]


def test_the_small_duty_station_and_one_more_are_hidden(generated):
    survey, _responses = generated
    table = breakdown(survey, "duty_station")
    labels = {row.label for row in table.rows}
    assert "Santiago" not in labels
    # Hiding Santiago alone would let it be derived from the total: a second group goes too.
    assert table.hidden_groups == 2


def test_exports_hide_every_small_group(generated):
    survey, _responses = generated
    text = exports.as_csv(survey)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "Breakdown"
    assert not any(row[1] == "Santiago" for row in rows)
    table = breakdown(survey, "duty_station")
    shown = {row.label for row in table.rows}
    station_rows = {row[1] for row in rows if row[0] == "Duty station"}
    assert station_rows == shown
    workbook = load_workbook(io.BytesIO(exports.as_xlsx(survey)))
    values = [
        cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row
    ]
    assert "Santiago" not in values
    assert set(shown) <= set(values)


def test_a_survey_with_fewer_respondents_than_the_minimum_shows_nothing(reference_data):
    survey = SurveyFactory()
    make_responses(survey, 4)
    summary = summarise(survey)
    assert summary.suppressed
    assert all(result.rate is None for result in summary.topics)
    assert all(
        row[5] == ""
        for row in csv.reader(io.StringIO(exports.as_csv(survey)))
        if row[0] == "All respondents"
    )
    assert breakdown(survey, "gender").rows == []


def test_the_threshold_is_a_setting(generated, settings):
    survey, _responses = generated
    settings.SURVEY_MIN_GROUP_SIZE = 1000
    assert all(result.rate is None for result in summarise(survey).topics)


def test_comparison_with_an_earlier_survey(generated):
    survey, _responses = generated
    earlier = SurveyFactory(status="closed")
    make_responses(earlier, 50, seed=3)
    summary = summarise(survey, compare_with=earlier)
    earlier_summary = summarise(earlier)
    for now, then in zip(summary.topics, earlier_summary.topics, strict=True):
        assert now.earlier == then.rate
        assert now.change == round(now.rate - then.rate, 1)


@pytest.mark.parametrize(
    ("sizes", "hidden"),
    [
        ({"a": 10, "b": 20}, set()),
        ({"a": 3, "b": 20, "c": 8}, {"a", "c"}),
        ({"a": 1, "b": 2, "c": 30, "d": 40}, {"a", "b", "c"}),
        ({"a": 3, "b": 4, "c": 30}, {"a", "b"}),
        ({"a": 0, "b": 30}, set()),
    ],
)
def test_suppression_hides_small_groups_and_what_would_reveal_them(sizes, hidden):
    assert suppressed_keys(sizes, 5) == hidden
