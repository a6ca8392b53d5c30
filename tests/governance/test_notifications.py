import pytest
from django.core import mail
from django.urls import reverse

from governance.models import Notification
from governance.notifications import notify
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db


class TestNotificationList(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("notifications")


class TestNotificationMarkRead(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        return reverse("notifications_read")

    def get_data(self, personas):
        return {"all": "1"}


def test_notifications_are_emailed_only_after_commit(
    staff, pmo, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[staff, pmo, staff], subject="A proposal awaits you", url="/x/")
        assert mail.outbox == []
    assert sorted(m.to[0] for m in mail.outbox) == ["pmo@example.org", "staff@example.org"]
    assert Notification.objects.filter(subject="A proposal awaits you").count() == 2
    assert Notification.objects.filter(emailed=True).count() == 2


def test_a_reminder_is_sent_at_most_once_a_day(staff, django_capture_on_commit_callbacks):
    for _ in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            notify(
                recipients=[staff],
                subject="Status report overdue",
                key="reminder:1",
                once_per_day=True,
            )
    assert Notification.objects.filter(key="reminder:1").count() == 1
    assert len(mail.outbox) == 1


def test_the_page_lists_only_ones_own_notifications_with_the_unread_count(client, staff, pmo):
    notify(recipients=[staff], subject="For staff")
    notify(recipients=[pmo], subject="For the PMO")
    client.force_login(staff)
    content = client.get(reverse("notifications")).content.decode()
    assert "For staff" in content and "For the PMO" not in content
    assert "Notifications (1 unread)" in content


def test_marking_read_touches_only_ones_own(client, staff, pmo):
    mine = notify(recipients=[staff], subject="Mine")[0]
    theirs = notify(recipients=[pmo], subject="Theirs")[0]
    client.force_login(staff)
    client.post(reverse("notifications_read"), {"notification": [mine.pk, theirs.pk]})
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None
    assert theirs.read_at is None
    assert "Notifications (0 unread)" in client.get(reverse("home")).content.decode()


def test_the_list_keeps_constant_queries(client, staff):
    # From one row on: an empty page skips the page query altogether.
    notify(recipients=[staff], subject="first")
    client.force_login(staff)

    def grow():
        Notification.objects.bulk_create(
            Notification(recipient=staff, subject=f"n{i}") for i in range(60)
        )

    assert_constant_queries(client, reverse("notifications"), grow)
