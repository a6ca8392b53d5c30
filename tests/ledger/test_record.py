"""What append-only records change around them: attendance is appended, users who acted stay,
the head page, the nightly check."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, connections, transaction
from django.urls import reverse

from governance import services
from governance.administration import services as structure
from governance.models import Attendance, AuditEntry, Notification, User
from ledger import chain, db
from ledger.models import Link
from ledger.tasks import verify_chain
from tests.governance.factories import open_meeting_with_item

pytestmark = pytest.mark.django_db


def test_striking_a_member_off_appends_an_entry_and_keeps_the_record(personas):
    item = open_meeting_with_item(personas, present=("km.chair", "km.member"))
    meeting = item.meeting
    pmo, member = personas["pmo"], personas["km.member"]
    services.attendance_record(meeting=meeting, attendees=[personas["km.chair"]], actor=pmo)
    assert set(meeting.attendance.current().values_list("member__username", flat=True)) == {
        "km.chair"
    }
    entries = list(meeting.attendance.filter(member=member).order_by("pk"))
    assert [e.present for e in entries] == [True, False]
    assert entries[1].supersedes == entries[0]
    services.attendance_record(meeting=meeting, attendees=[personas["km.chair"], member], actor=pmo)
    assert meeting.attendance.current().filter(member=member).exists()
    assert meeting.attendance.filter(member=member).count() == 3
    assert chain.verify().ok


def test_a_member_is_first_recorded_once_per_meeting(personas):
    item = open_meeting_with_item(personas, present=("km.chair",))
    with pytest.raises(Exception):  # noqa: B017 - the database's unique constraint
        Attendance.objects.create(meeting=item.meeting, member=personas["km.chair"])


def test_a_user_who_has_acted_is_never_deleted(personas):
    admin, proponent = personas["portal.admin"], personas["proponent"]
    AuditEntry.objects.create(actor=proponent, action="x", content_type_id=1, object_id="1")
    with pytest.raises(ValidationError, match="deactivate it instead"), transaction.atomic():
        structure.user_delete(user=proponent, actor=admin)
    with pytest.raises(ValidationError, match="deactivate it instead"), transaction.atomic():
        User.objects.get(pk=proponent.pk).delete()
    with pytest.raises(ValidationError, match="deactivate it instead"), transaction.atomic():
        User.objects.filter(pk=proponent.pk).delete()
    assert User.objects.filter(pk=proponent.pk).exists()


def test_an_account_that_never_acted_may_be_deleted_by_the_administrator(personas):
    mistake = User.objects.create_user(username="created.by.mistake")
    with pytest.raises(Exception, match="portal administrator"):
        structure.user_delete(user=mistake, actor=personas["km.member"])
    structure.user_delete(user=mistake, actor=personas["portal.admin"])
    assert not User.objects.filter(username="created.by.mistake").exists()
    assert AuditEntry.objects.filter(action="user.delete", summary="created.by.mistake").exists()


# --------------------------------------------------------------------------- the head page


@pytest.mark.parametrize(
    "username", ["km.member", "pmo", "cito", "portal.admin", "budget.reviewer", "dsg"]
)
def test_readers_of_the_register_see_the_head_hash(client, personas, username):
    AuditEntry.objects.create(action="x", content_type_id=1, object_id="1")
    client.force_login(personas[username])
    response = client.get(reverse("ledger:head"))
    assert response.status_code == 200
    assert chain.head().hash in response.content.decode()


@pytest.mark.parametrize("username", ["staff", "proponent"])
def test_others_are_refused_the_head_page(client, personas, username):
    client.force_login(personas[username])
    assert client.get(reverse("ledger:head")).status_code == 403


def test_the_head_page_asks_anonymous_visitors_to_sign_in(client):
    response = client.get(reverse("ledger:head"))
    assert response.status_code == 302 and "login" in response["Location"]


# --------------------------------------------------------------------------- nightly check


def test_the_nightly_check_notifies_oict_of_a_break(personas):
    entry = AuditEntry.objects.create(action="x", content_type_id=1, object_id="1")
    assert verify_chain()["ok"] is True
    assert not Notification.objects.filter(subject__contains="tamper-evident").exists()
    with db.maintenance(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE governance_auditentry SET summary = 'edited' WHERE id = %s", [entry.pk]
        )
    outcome = verify_chain()
    assert outcome["ok"] is False and f"governance_auditentry row {entry.pk}" in outcome["broken"]
    told = set(
        Notification.objects.filter(subject__contains="tamper-evident").values_list(
            "recipient__username", flat=True
        )
    )
    assert {"cito", "portal.admin"} <= told
    assert "staff" not in told
    verify_chain()  # a second run the same day does not notify again
    assert Notification.objects.filter(subject__contains="tamper-evident").count() == len(told)


# --------------------------------------------------------------------------- concurrency


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite serialises writers on its database lock)")
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(User)
    barrier = threading.Barrier(2)
    errors = []

    def write(n):
        try:
            barrier.wait()
            for i in range(20):
                AuditEntry.objects.create(
                    action="race", content_type=content_type, object_id=f"{n}-{i}"
                )
        except Exception as error:  # noqa: BLE001
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Link.objects.filter(table="governance_auditentry").count() >= 40
    result = chain.verify()
    assert result.ok, result.broken
    seqs = list(Link.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))


def test_the_home_page_links_readers_of_the_register_to_the_head(client, personas):
    client.force_login(personas["km.member"])
    assert reverse("ledger:head") in client.get(reverse("home")).content.decode()
    client.force_login(personas["staff"])
    assert reverse("ledger:head") not in client.get(reverse("home")).content.decode()
