"""On PostgreSQL, concurrent attempts to record the same outcome give exactly one decision.

Run with ``DATABASE_URL=postgres://...``; skipped on SQLite, which serialises writers anyway.
"""

import threading
import time

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections

from governance import services
from governance.models import Decision, Motion, Vote

from .factories import decide, open_meeting_with_item, vote_for

KM_VOTERS = ("km.chair", "km.member", "cito")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("Concurrency is tested on PostgreSQL (set DATABASE_URL).")


def run_concurrently(*calls):
    """Start each call in its own thread (its own database connection) at the same moment."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            results[index] = ("done", call())
        except ValidationError as error:
            results[index] = ("refused", " ".join(error.messages))
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            results[index] = ("error", repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_concurrent_attempts_to_record_an_outcome_give_exactly_one_decision(
    personas, monkeypatch
):
    # The votes carry the motion, so both attempts are admissible on their own and only the
    # lock decides which one records it (an outcome the tally refuses is refused before the
    # lock, whichever thread runs first).
    item = vote_for(open_meeting_with_item(personas, present=KM_VOTERS), "approved")
    chair = personas["km.chair"]
    original = Motion.apply_decision

    def slow_apply(self, decision):
        # Hold the locks a moment so the other attempt really waits on them.
        time.sleep(0.5)
        original(self, decision)

    monkeypatch.setattr(Motion, "apply_decision", slow_apply)
    results = run_concurrently(
        lambda: services.vote_close_and_decide(item=item, actor=chair, outcome="approved"),
        lambda: services.vote_close_and_decide(item=item, actor=chair, outcome="approved"),
    )
    kinds = sorted(kind for kind, _ in results)
    assert kinds == ["done", "refused"], results
    assert "already been recorded" in next(v for k, v in results if k == "refused")
    assert Decision.objects.filter(item=item).count() == 1
    decision = Decision.objects.get(item=item)
    motion = Motion.objects.get(pk=item.object_id)
    assert motion.state == decision.outcome


def test_two_concurrent_votes_by_one_member_give_one_vote(personas):
    item = open_meeting_with_item(personas, present=KM_VOTERS)
    member = personas["km.member"]
    results = run_concurrently(
        lambda: services.vote_cast(item=item, voter=member, choice="for"),
        lambda: services.vote_cast(item=item, voter=member, choice="against"),
    )
    assert sorted(kind for kind, _ in results) == ["done", "refused"], results
    assert Vote.objects.filter(item=item, voter=member).count() == 1


def test_the_database_refuses_to_update_a_decision_on_postgresql(personas):
    from django.db import DatabaseError, transaction

    item = open_meeting_with_item(personas, present=KM_VOTERS)
    decision = decide(item, personas["km.chair"], "approved")
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE governance_decision SET outcome = 'rejected' WHERE id = %s", [decision.pk]
            )
    decision.refresh_from_db()
    assert decision.outcome == "approved"
