"""Acceptance 3: a bad CSV is reported row by row and writes nothing; 5,015 rows import."""

import csv
import io
import random
import time

import pytest

from survey import services
from survey.choices import ImportStatus
from survey.demo import TOPIC_SATISFACTION
from survey.models import Answer, Comment, Response, Topic

from .factories import SurveyFactory

pytestmark = pytest.mark.django_db


def csv_text(rows, header=None):
    codes = list(Topic.objects.values_list("code", flat=True))
    header = header or [
        "duty_station",
        "staff_category",
        "years_of_service",
        "gender",
        "organisation_unit",
        *codes,
        "comment",
        "comment_training",
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue()


def good_row(rng=None, comment=""):
    rng = rng or random.Random(0)
    ratings = [str(rng.choice([0, 1, 2, 3, 4, 5])) for _ in TOPIC_SATISFACTION]
    return ["geneva", "Professional", "2-10", "female", "unog", *ratings, comment, ""]


def check(survey, pmo, content):
    return services.response_import_check(
        survey=survey, actor=pmo, file_name="responses.csv", content=content
    )


def test_a_valid_file_is_checked_then_imported(pmo):
    survey = SurveyFactory(status="closed")
    content = csv_text([good_row(comment="Too slow"), good_row()])
    checked, result = check(survey, pmo, content)
    assert checked.status == ImportStatus.PREVIEWED and result.is_valid
    assert not Response.objects.filter(survey=survey).exists(), "a dry run writes nothing"
    services.response_import_apply(response_import=checked, actor=pmo)
    assert Response.objects.filter(survey=survey).count() == 2
    assert Answer.objects.filter(response__survey=survey).count() == 26
    assert Comment.objects.get(response__survey=survey).text == "Too slow"
    with pytest.raises(services.SurveyError):
        services.response_import_apply(response_import=checked, actor=pmo)
    assert Response.objects.filter(survey=survey).count() == 2


def test_a_bad_file_is_reported_row_by_row_and_nothing_is_written(pmo):
    survey = SurveyFactory(status="closed")
    out_of_range = good_row()
    out_of_range[5] = "7"
    unknown_word = good_row()
    unknown_word[6] = "delighted"
    bad_dimension = good_row()
    bad_dimension[0] = "Paris"
    bad_unit = good_row()
    bad_unit[4] = "nowhere"
    short = good_row()[:4]
    content = csv_text([good_row(), out_of_range, unknown_word, bad_dimension, bad_unit, short])
    checked, result = check(survey, pmo, content)
    assert checked.status == ImportStatus.REJECTED
    errors = {(e["row"], e["column"]) for e in checked.errors}
    assert errors == {
        (3, "computer-equipment"),
        (4, "internet"),
        (5, "duty_station"),
        (6, "organisation_unit"),
        (7, ""),
    }
    messages = " ".join(e["message"] for e in checked.errors)
    assert "out of range" in messages and "Unknown rating" in messages
    assert "Malformed row" in messages
    with pytest.raises(services.SurveyError):
        services.response_import_apply(response_import=checked, actor=pmo)
    assert not Response.objects.filter(survey=survey).exists()


def test_unknown_topic_and_missing_columns_are_reported_on_the_header_row(pmo):
    survey = SurveyFactory(status="closed")
    header = [
        "duty_station",
        "staff_category",
        "years_of_service",
        "gender",
        "organisation_unit",
        "computer-equipment",
        "printers",
        "comment",
    ]
    checked, _result = check(survey, pmo, csv_text([["geneva"] * 8], header=header))
    errors = {(e["row"], e["column"]): e["message"] for e in checked.errors}
    assert "Unknown column" in errors[(1, "printers")]
    assert "Missing column" in errors[(1, "email")]
    assert not Response.objects.exists()


def test_a_topic_the_survey_does_not_ask_is_an_error(pmo):
    survey = SurveyFactory(status="closed", topics=Topic.objects.filter(code="email"))
    header = [
        "duty_station",
        "staff_category",
        "years_of_service",
        "gender",
        "organisation_unit",
        "email",
        "training",
    ]
    checked, _result = check(survey, pmo, csv_text([["", "", "", "", "", "5", "4"]], header))
    assert [(e["row"], e["column"]) for e in checked.errors] == [(1, "training")]


def test_malformed_csv_quoting_is_reported_with_its_row(pmo):
    survey = SurveyFactory(status="closed", topics=Topic.objects.filter(code="email"))
    content = (
        "duty_station,staff_category,years_of_service,gender,organisation_unit,email\n"
        ",,,,,5\n"
        ',,,,,"5"x\n'
    )
    checked, _result = check(survey, pmo, content)
    assert checked.status == ImportStatus.REJECTED
    assert checked.errors[0]["row"] == 3
    assert not Response.objects.exists()


def test_only_pmo_imports(staff):
    survey = SurveyFactory(status="closed")
    with pytest.raises(PermissionError):
        check(survey, staff, csv_text([good_row()]))


def test_a_file_of_5015_rows_imports_in_seconds(pmo):
    survey = SurveyFactory(status="closed")
    rng = random.Random(5015)
    content = csv_text([good_row(rng, comment="ok" if i % 3 == 0 else "") for i in range(5015)])
    started = time.monotonic()
    checked, result = check(survey, pmo, content)
    assert result.is_valid, checked.errors[:3]
    services.response_import_apply(response_import=checked, actor=pmo)
    elapsed = time.monotonic() - started
    assert Response.objects.filter(survey=survey).count() == 5015
    assert Answer.objects.filter(response__survey=survey).count() == 5015 * 13
    assert elapsed < 30, f"import took {elapsed:.1f}s"
