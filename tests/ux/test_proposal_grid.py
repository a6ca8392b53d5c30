"""The business case's cost, benefit, risk and funding tables are grids: rows added in place
(htmx, or a plain post without JavaScript), running totals, errors linked to their fields."""

import pytest
from django.urls import reverse

from portfolio.models import Project
from programmes.models import Programme

pytestmark = pytest.mark.django_db


def _data(**extra):
    programme = Programme.objects.get(code="knowledge")
    data = {
        "title": "Records search",
        "summary": "",
        "programme": programme.pk,
        "initiative": "",
        "sponsoring_unit": "",
    }
    for key in ("costs", "benefits", "risks", "funding"):
        data |= {f"{key}-TOTAL_FORMS": "1", f"{key}-INITIAL_FORMS": "0"}
    return data | extra


def test_a_row_is_added_without_javascript_and_nothing_is_saved(client, proponent):
    client.force_login(proponent)
    data = _data(**{"costs-0-year": "2026", "costs-0-amount": "1234", "add_row": "costs"})
    response = client.post(reverse("portfolio:project_new"), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'name="costs-1-amount"' in content and 'value="1234"' in content
    assert not Project.objects.filter(title="Records search").exists()


def test_htmx_gets_one_more_row(client, proponent):
    client.force_login(proponent)
    url = reverse("portfolio:case_line_row", args=["risks"])
    response = client.get(url, {"index": "2"})
    assert response.status_code == 200
    assert 'name="risks-2-likelihood"' in response.content.decode()
    assert (
        client.get(reverse("portfolio:case_line_row", args=["nope"]), {"index": 1}).status_code
        == 404
    )


def test_errors_are_summarised_and_linked_to_existing_ids(client, proponent):
    client.force_login(proponent)
    data = _data(**{"costs-0-amount": "-5", "costs-0-year": "1900", "title": ""})
    response = client.post(reverse("portfolio:project_new"), data)
    assert response.status_code == 400
    content = response.content.decode()
    assert 'id="error-summary"' in content
    assert 'href="#id_title"' in content
    assert 'aria-describedby="id_costs-0-amount_error"' in content
    assert 'id="id_costs-0-amount_error"' in content


def test_the_cost_grid_has_running_totals(client, proponent):
    client.force_login(proponent)
    content = client.get(reverse("portfolio:project_new")).content.decode()
    assert 'data-total-for="hardware"' in content
    assert "Save the draft to get more empty rows" not in content
