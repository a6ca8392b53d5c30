"""On PostgreSQL, two people taking transitions on one project at once: one wins, the other is
refused with a message, and exactly one audit record is written. Skipped on SQLite."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from portfolio import services
from portfolio.choices import ProjectState
from portfolio.models import PmoReview, ProjectTransition
from tests.portfolio.factories import ALL_TICKED, draft, walk

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL (set DATABASE_URL).")


def run_concurrently(*calls):
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            call()
            results[index] = "done"
        except ValidationError as error:
            results[index] = " ".join(error.messages)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_accept_and_return_at_once_give_one_review_and_one_transition(personas):
    project = walk(draft(personas), personas, ProjectState.SUBMITTED)
    pmo = personas["pmo"]
    results = run_concurrently(
        lambda: services.project_pmo_accept(project=project, actor=pmo, checklist=ALL_TICKED),
        lambda: services.project_pmo_return(project=project, actor=pmo, comments="No."),
    )
    assert sorted(r == "done" for r in results) == [False, True], results
    assert "not allowed while the project is" in next(r for r in results if r != "done")
    assert PmoReview.objects.filter(project=project).count() == 1
    assert ProjectTransition.objects.filter(project=project, from_state="submitted").count() == 1


def test_two_concurrent_saves_of_one_version_keep_one(personas):
    project = draft(personas)
    token = services.case_token(project.current_case())
    owner = personas["proponent"]
    results = run_concurrently(
        lambda: services.business_case_save(
            project=project, actor=owner, token=token, fields={"scope": "A"}
        ),
        lambda: services.business_case_save(
            project=project, actor=owner, token=token, fields={"scope": "B"}
        ),
    )
    assert sorted(r == "done" for r in results) == [False, True], results
    assert "Someone saved" in next(r for r in results if r != "done")


def test_two_approvals_at_once_cannot_jointly_exceed_the_envelope(personas):
    """Issue 11, acceptance 2: the envelope rows are locked while the committed sum is read."""
    from decimal import Decimal

    from governance import services as gov
    from governance.choices import Outcome
    from portfolio.choices import EnvelopeState
    from portfolio.models import ResourceEnvelope
    from programmes.models import Programme
    from tests.portfolio.test_committee import meeting_with

    ResourceEnvelope.objects.create(
        programme=Programme.objects.get(code="knowledge"),
        year=2026,
        amount=Decimal("1000000"),
        state=EnvelopeState.SET,
    )
    projects = [
        walk(
            draft(personas, title=f"Project {n}", cost=Decimal("600000")),
            personas,
            ProjectState.WITH_STEERING_COMMITTEE,
        )
        for n in range(2)
    ]
    items = [meeting_with(project, personas) for project in projects]
    chair = personas["km.chair"]
    results = run_concurrently(
        *(
            lambda item=item: gov.vote_close_and_decide(
                item=item, actor=chair, outcome=Outcome.APPROVED
            )
            for item in items
        )
    )
    assert sorted(r == "done" for r in results) == [False, True], results
    assert "short by USD 200,000" in next(r for r in results if r != "done")
    states = {p.state for p in type(projects[0]).objects.filter(pk__in=[p.pk for p in projects])}
    assert states == {ProjectState.APPROVED, ProjectState.WITH_STEERING_COMMITTEE}
