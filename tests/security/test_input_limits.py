"""Input limits (issue 17): imports capped in size and rows with a clear message, no 500 from a
NUL byte, broken CSV or a tampered confirmation; format suffixes are 404."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from core.imports import ImportFileError, posted_rows, read_table
from portfolio.budgets.models import BudgetLine
from survey.importing import parse_responses
from tests.budgets.factories import CycleFactory

HEADER = "unit,category,source,year,amount,justification\n"
ROW = "unon,hardware,regular_budget,2026,10,\n"


def _csv(text, name="lines.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(ImportFileError, match="at most 1000"):
        read_table(_csv(HEADER + ROW * 100))


def test_a_file_over_the_row_limit_is_refused(settings):
    settings.IMPORT_MAX_ROWS = 10
    assert len(read_table(_csv(HEADER + ROW * 10))) == 11
    with pytest.raises(ImportFileError, match="more than 10 rows"):
        read_table(_csv(HEADER + ROW * 11))


def test_an_xlsx_over_the_row_limit_is_refused(settings):
    settings.IMPORT_MAX_ROWS = 10
    book = Workbook()
    for number in range(12):
        book.active.append(["unon", number])
    buffer = io.BytesIO()
    book.save(buffer)
    with pytest.raises(ImportFileError, match="more than 10 rows"):
        read_table(SimpleUploadedFile("a.xlsx", buffer.getvalue()))


@pytest.mark.parametrize(
    "text",
    [
        HEADER + "unon,hard\x00ware,regular_budget,2026,10,\n",  # a NUL byte
        HEADER + 'unon,"' + "x" * 200_000 + '",regular_budget,2026,10,\n',  # field too long
    ],
)
def test_a_nul_byte_or_broken_csv_is_a_file_error(text):
    with pytest.raises(ImportFileError):
        read_table(_csv(text))


@pytest.mark.parametrize(
    "posted",
    [
        "[" * 2000 + "]" * 2000,  # nested 2,000 deep
        json.dumps([["a"]] * 20_002),  # more rows than a file may have
        json.dumps([["a\x00"]]),
        json.dumps({"rows": []}),
        json.dumps([["a"] * 500]),
    ],
)
def test_a_tampered_confirmation_is_refused(posted):
    with pytest.raises(ImportFileError, match="not sent back intact"):
        posted_rows(posted)


@pytest.mark.django_db
def test_the_budget_import_page_says_the_file_is_too_large(client, chief_nairobi, settings):
    settings.IMPORT_MAX_BYTES = 1000
    cycle = CycleFactory()
    client.force_login(chief_nairobi)
    response = client.post(
        reverse("budgets:import"), {"cycle": cycle.code, "file": _csv(HEADER + ROW * 100)}
    )
    assert response.status_code in (200, 400)
    assert "at most 1000" in response.content.decode()
    assert not BudgetLine.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "posted", ["[" * 2000 + "]" * 2000, '[["unit"]]\x00', "not json", json.dumps([1, 2])]
)
def test_a_tampered_budget_import_confirmation_is_not_a_500(client, chief_nairobi, posted):
    cycle = CycleFactory()
    client.force_login(chief_nairobi)
    response = client.post(
        reverse("budgets:import"), {"cycle": cycle.code, "rows": posted, "confirm": "1"}
    )
    assert response.status_code in (200, 400)
    assert not BudgetLine.objects.exists()


@pytest.mark.django_db
def test_a_survey_import_over_the_row_limit_reports_it(settings):
    from tests.survey.factories import SurveyFactory

    settings.IMPORT_MAX_ROWS = 3
    survey = SurveyFactory()
    result = parse_responses(survey, "duty_station\n" + "New York\n" * 5)
    assert any("more than 3 rows" in str(error) for error in result.errors)
    assert not result.rows


@pytest.mark.django_db
def test_a_survey_import_with_a_nul_byte_is_refused():
    from tests.survey.factories import SurveyFactory

    result = parse_responses(SurveyFactory(), "duty_station\nNew\x00York\n")
    assert not result.is_valid


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url", ["/api/v1/projects/1/transitions.json", "/api/v1/projects.json", "/api/v1/kpis/x.json"]
)
def test_a_format_suffix_is_a_404_not_a_500(client, pmo, url):
    client.force_login(pmo)
    assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_write_without_if_match_is_428_and_changes_nothing(personas):
    from portfolio.models import Asset
    from tests.portfolio.factories import AssetFactory
    from tests.testing.api import token_client

    asset = AssetFactory(name="Mail")
    api = token_client(personas["pmo"])
    url = f"/api/v1/assets/{asset.pk}/"
    refused = api.patch(url, {"name": "Overwritten"}, format="json")
    assert refused.status_code == 428
    assert refused.json()["error"]["code"] == "precondition_required"
    assert Asset.objects.get(pk=asset.pk).name == "Mail"
    etag = api.get(url)["ETag"]
    assert api.patch(url, {"name": "Mail 2"}, format="json", HTTP_IF_MATCH=etag).status_code == 200


@pytest.mark.django_db
def test_budget_lines_without_if_match_are_428(personas):
    from tests.budgets.factories import submission_of
    from tests.testing.api import token_client

    submission = submission_of("unon")
    response = token_client(personas["chief.nairobi"]).put(
        f"/api/v1/budget-submissions/{submission.pk}/lines/", {"lines": []}, format="json"
    )
    assert response.status_code == 428


@pytest.mark.django_db
def test_json_nested_2000_deep_is_a_400(personas):
    from tests.testing.api import token_client

    response = token_client(personas["pmo"]).post(
        "/api/v1/measurements/",
        data="[" * 2000 + "]" * 2000,
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["error"]["status"] == 400


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("12", 12),
        ("-3", -3),
        ("²", None),
        ("1e20", None),
        ("٣", None),
        ("", None),
        ("99999999999999999999", None),
        (" 7 ", 7),
    ],
)
def test_the_shared_integer_parser(text, number):
    from core.params import as_int

    assert as_int(text) == number


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "1e20", "99999999999999999999", "x\x00"])
def test_odd_numbers_in_forms_and_queries_are_not_500s(client, personas, value):
    client.force_login(personas["pmo"])
    assert client.post(reverse("notifications_read"), {"notification": value}).status_code < 500
    assert client.get(reverse("planning:compare"), {"ids": value}).status_code < 500


@pytest.mark.django_db
def test_a_budget_import_year_written_with_odd_digits_is_a_row_error(chief_nairobi):
    from portfolio.budgets.imports import budget_lines_import

    cycle = CycleFactory()
    rows = read_table(_csv(HEADER + "unon,hardware,regular_budget,²⁰²⁶,10,\n"))
    report = budget_lines_import(cycle=cycle, rows=rows, actor=chief_nairobi, dry_run=True)
    assert not report.ok


# --------------------------------------------------------------------------- date ranges
@pytest.mark.parametrize("typed", ["0001-01-01T10:00", "9999-12-31T10:00"])
def test_a_date_out_of_range_is_refused_on_the_page_with_the_fields_message(
    client, personas, typed
):
    from governance.models import Meeting

    client.force_login(personas["pmo"])
    response = client.post(
        reverse("governance:meeting_create", args=["km-steering"]),
        {"title": "Far meeting", "starts_at": typed, "location": "Geneva"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter a date between" in page
    assert 'value="Far meeting"' in page
    assert not Meeting.objects.filter(title="Far meeting").exists()


@pytest.mark.parametrize("deadline", ["0001-01-01T00:00:00Z", "9999-12-31T00:00:00Z"])
def test_a_date_out_of_range_is_a_400_with_the_fields_message_over_the_api(personas, deadline):
    from governance.models import Meeting
    from tests.governance.factories import MotionFactory
    from tests.testing.api import token_client

    before = Meeting.objects.count()
    response = token_client(personas["pmo"]).post(
        "/api/v1/written-procedures/",
        {
            "body": "km-steering",
            "subject_type": "governance.motion",
            "subject_id": MotionFactory().pk,
            "deadline": deadline,
        },
        format="json",
    )
    assert response.status_code == 400
    assert "Enter a date between" in str(response.json()), response.json()
    assert Meeting.objects.count() == before


def test_the_shared_date_parser_refuses_what_is_out_of_range_or_not_a_date():
    import datetime

    from core.params import as_date

    assert as_date("2026-03-31") == datetime.date(2026, 3, 31)
    assert as_date("0001-01-01") is None and as_date("9999-12-31") is None
    assert as_date("31/03/2026") is None and as_date(None) is None


def test_a_staffing_import_row_dated_out_of_range_is_named(personas):
    from staffing.imports import COLUMNS, snapshots_import

    rows = [list(COLUMNS), ["unog", "0001-01-01", *["1"] * (len(COLUMNS) - 2)]]
    report = snapshots_import(rows=rows, actor=personas["chief.geneva"])
    assert report.errors and "as_of '0001-01-01' is not a date" in str(report.errors)
