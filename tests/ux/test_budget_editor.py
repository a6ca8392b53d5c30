"""The budget editor: a grid with running totals and rows added in place; no input gives a 500
and a refused save keeps everything that was typed."""

from decimal import Decimal

import pytest
from django.urls import reverse

from portfolio.budgets import services
from portfolio.budgets.models import BudgetLine
from tests.budgets.factories import CycleFactory, unit

pytestmark = pytest.mark.django_db

LINE = {
    "category": "hardware",
    "source": "regular_budget",
    "year": 2026,
    "amount": Decimal("5000"),
    "justification": "laptops",
}
FIELDS = ("category", "source", "year", "amount", "justification", "initiative", "project")

EMPTY = dict.fromkeys(FIELDS, "")
WRONG = {
    "category": "caviar",
    "source": "lottery",
    "year": "next year",
    "amount": "a lot",
    "justification": "\x00",
    "initiative": "abc",
    "project": "-1",
}
EXTREME = {
    "category": "x" * 10_000,
    "source": "regular_budget",
    "year": str(10**30),
    "amount": "9" * 60,
    "justification": "j" * 100_000,
    "initiative": str(2**63),
    "project": str(10**40),
}
ODD_AMOUNTS = ["-1", "1e999", "NaN", "Infinity", "0x10", "1,000.00", "12.3456", " "]


def _submission(chief):
    submission = services.submission_create(cycle=CycleFactory(), unit=unit("unon"), actor=chief)
    return services.submission_save_lines(
        submission=submission, lines=[LINE], expected_version=1, actor=chief
    )


def _post(submission, rows, *, version=None, total=None):
    data = {
        "version": submission.version if version is None else version,
        "form-TOTAL_FORMS": total if total is not None else len(rows),
        "form-INITIAL_FORMS": "1",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            data[f"form-{index}-{name}"] = value
    return data


@pytest.mark.parametrize("values", [EMPTY, WRONG, EXTREME], ids=["empty", "wrong", "extreme"])
def test_every_field_empty_wrong_or_extreme_is_refused_calmly(client, chief_nairobi, values):
    submission = _submission(chief_nairobi)
    client.force_login(chief_nairobi)
    url = reverse("budgets:submission_edit", args=[submission.pk])
    response = client.post(url, _post(submission, [values]))
    assert response.status_code == 400
    assert list(
        BudgetLine.objects.filter(submission=submission).values_list("amount", flat=True)
    ) == [Decimal("5000.00")]
    content = response.content.decode()
    assert 'id="error-summary"' in content


@pytest.mark.parametrize("amount", ODD_AMOUNTS)
def test_odd_amounts_are_refused_calmly(client, chief_nairobi, amount):
    submission = _submission(chief_nairobi)
    client.force_login(chief_nairobi)
    url = reverse("budgets:submission_edit", args=[submission.pk])
    row = {**LINE, "amount": amount}
    response = client.post(url, _post(submission, [row]))
    assert response.status_code in (302, 400)


def test_an_amount_without_a_category_keeps_what_was_typed(client, chief_nairobi):
    submission = _submission(chief_nairobi)
    client.force_login(chief_nairobi)
    url = reverse("budgets:submission_edit", args=[submission.pk])
    rows = [LINE, {**LINE, "category": "", "amount": "777", "justification": "new servers"}]
    response = client.post(url, _post(submission, rows))
    assert response.status_code == 400
    content = response.content.decode()
    assert 'value="777"' in content and "new servers" in content
    assert 'aria-describedby="id_form-1-category_error"' in content
    assert 'id="id_form-1-category_error"' in content


@pytest.mark.parametrize(
    "management", [{"version": "x"}, {"version": str(10**20)}, {"total": "many"}, {"total": "-4"}]
)
def test_a_broken_management_form_is_refused_calmly(client, chief_nairobi, management):
    submission = _submission(chief_nairobi)
    client.force_login(chief_nairobi)
    url = reverse("budgets:submission_edit", args=[submission.pk])
    response = client.post(url, _post(submission, [LINE], **management))
    assert response.status_code < 500


def test_add_a_row_without_javascript_keeps_the_typed_rows(client, chief_nairobi):
    submission = _submission(chief_nairobi)
    client.force_login(chief_nairobi)
    url = reverse("budgets:submission_edit", args=[submission.pk])
    data = _post(submission, [{**LINE, "amount": "4321"}]) | {"add_row": "form"}
    response = client.post(url, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'value="4321"' in content
    assert 'name="form-1-amount"' in content
    assert BudgetLine.objects.get(submission=submission).amount == Decimal("5000")


def test_htmx_adds_one_row_in_place(client, chief_nairobi):
    submission = _submission(chief_nairobi)
    client.force_login(chief_nairobi)
    url = reverse("budgets:submission_line_row", args=[submission.pk])
    response = client.get(url, {"index": "3"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert content.lstrip().startswith("<tr>")
    assert 'name="form-3-amount"' in content
    for index in ("x", "-1", "100000"):
        assert client.get(url, {"index": index}).status_code == 400


def test_the_grid_shows_totals_per_category_and_overall(client, chief_nairobi):
    submission = _submission(chief_nairobi)
    client.force_login(chief_nairobi)
    content = client.get(reverse("budgets:submission_edit", args=[submission.pk])).content.decode()
    assert 'data-total-for="hardware"' in content
    assert 'data-total-for="__all__"' in content
    assert "5,000" in content


def test_the_reviewers_comments_are_at_the_top(client, chief_nairobi, budget_reviewer):
    submission = services.submission_submit(
        submission=_submission(chief_nairobi), actor=chief_nairobi
    )
    services.submission_return(
        submission=submission, actor=budget_reviewer, comment="Split hardware by site."
    )
    client.force_login(chief_nairobi)
    content = client.get(reverse("budgets:submission_edit", args=[submission.pk])).content.decode()
    assert content.index("Split hardware by site.") < content.index('id="grid-form"')


def test_saving_keeps_the_untouched_lines(client, chief_nairobi):
    submission = _submission(chief_nairobi)
    client.force_login(chief_nairobi)
    url = reverse("budgets:submission_edit", args=[submission.pk])
    new = {**LINE, "category": "software", "amount": "100"}
    data = _post(submission, [LINE, new])
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert sorted(
        BudgetLine.objects.filter(submission=submission).values_list("category", flat=True)
    ) == [
        "hardware",
        "software",
    ]
