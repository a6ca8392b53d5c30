"""No lost updates (acceptance 3): two people save the same draft; the second is refused."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from governance import services as governance_services
from portfolio.budgets import services
from tests.budgets.factories import CycleFactory, UserFactory, unit
from tests.budgets.test_submissions import _formset_data

pytestmark = pytest.mark.django_db


def test_the_second_of_two_concurrent_saves_is_refused_and_the_first_is_intact(chief_nairobi):
    deputy = UserFactory(username="deputy.nairobi")
    governance_services.delegate_add(unit=unit("unon"), user=deputy, actor=chief_nairobi)
    submission = services.submission_create(
        cycle=CycleFactory(), unit=unit("unon"), actor=chief_nairobi
    )
    url = reverse("budgets:submission_edit", args=[submission.pk])
    first, second = Client(), Client()
    first.force_login(chief_nairobi)
    second.force_login(deputy)
    # Both open the edit page at the same version.
    version = first.get(url).context["version_form"].initial["version"]
    assert second.get(url).context["version_form"].initial["version"] == version

    saved = first.post(
        url, _formset_data(version=version, lines=[("hardware", "regular_budget", 2026, "1000")])
    )
    assert saved.status_code == 302

    refused = second.post(
        url, _formset_data(version=version, lines=[("software", "extrabudgetary", 2027, "99")])
    )
    assert refused.status_code == 409
    page = refused.content.decode()
    assert "changed by someone else" in page
    # What changed since: the first save, by the chief, with its line.
    assert "Lines saved" in page and "added: 2026, Hardware, Regular budget: 1000.00" in page
    assert refused.context["conflict"].changes[0].actor == chief_nairobi

    line = submission.lines.get()
    assert (line.category, line.source, line.year, line.amount) == (
        "hardware",
        "regular_budget",
        2026,
        Decimal("1000.00"),
    )
    submission.refresh_from_db()
    assert submission.version == version + 1


def test_a_stale_transition_is_refused_too(chief_nairobi):
    submission = services.submission_create(
        cycle=CycleFactory(), unit=unit("unon"), actor=chief_nairobi
    )
    services.submission_save_lines(
        submission=submission, lines=[], expected_version=1, actor=chief_nairobi
    )  # no change: the version stays
    services.submission_save_lines(
        submission=submission,
        lines=[{"category": "other", "source": "other", "year": 2026, "amount": 1}],
        expected_version=1,
        actor=chief_nairobi,
    )
    with pytest.raises(services.ConflictError):
        services.submission_submit(submission=submission, actor=chief_nairobi, expected_version=1)
