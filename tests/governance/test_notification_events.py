"""Notifications people can trust (issue 14): one per event and recipient, done or withdrawn
when what they point to is done, e-mails with absolute links."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse

from core import clock
from governance import services
from governance.choices import AgendaItemKind
from governance.models import Notification
from governance.notifications import notify, resolve

from .factories import MotionFactory, open_meeting_with_item

pytestmark = pytest.mark.django_db


def open_ones(user, key_start=""):
    return Notification.objects.filter(
        recipient=user, resolved_at__isnull=True, key__startswith=key_start
    )


def test_one_notification_per_event_and_recipient(staff, pmo):
    for _ in range(3):
        notify(recipients=[staff, pmo, staff], subject="Item 4 awaits", key="event:4")
    assert Notification.objects.filter(key="event:4").count() == 2
    resolve(key="event:4", recipients=[staff])
    notify(recipients=[staff, pmo], subject="Item 4 awaits again", key="event:4")
    # a new event after the first was done: notified again; the PMO's is still open: not
    assert Notification.objects.filter(key="event:4", recipient=staff).count() == 2
    assert Notification.objects.filter(key="event:4", recipient=pmo).count() == 1


def test_a_reminder_still_open_the_next_day_comes_back_instead_of_a_second_one(
    staff, django_capture_on_commit_callbacks
):
    day = datetime.datetime(2031, 3, 3, 9, tzinfo=datetime.UTC)
    with clock.frozen_at(day), django_capture_on_commit_callbacks(execute=True):
        first = notify(recipients=[staff], subject="Report due", key="due:1", once_per_day=True)
        notify(recipients=[staff], subject="Report due", key="due:1", once_per_day=True)
    Notification.objects.filter(pk=first[0].pk).update(read_at=day)
    with (
        clock.frozen_at(day + datetime.timedelta(days=1)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        again = notify(recipients=[staff], subject="Report due", key="due:1", once_per_day=True)
    (notification,) = Notification.objects.filter(key="due:1")
    assert again[0].pk == notification.pk and notification.read_at is None
    assert notification.created_at == day + datetime.timedelta(days=1)
    assert len(mail.outbox) == 2  # reminded by e-mail each day, one row in the list


def test_voting_marks_the_vote_awaited_done_and_the_meeting_once_nothing_is_left(client, personas):
    member = personas["km.member"]
    item = open_meeting_with_item(personas, present=("km.chair", "km.member", "cito"))
    meeting = item.meeting
    second = services.agenda_item_add(
        meeting=meeting,
        kind=AgendaItemKind.DECISION,
        subject=MotionFactory(),
        actor=personas["pmo"],
    )
    assert open_ones(member, f"meeting-open:{meeting.pk}").count() == 1
    awaited = open_ones(member, f"vote-awaited:{second.pk}").get()
    assert awaited.url == reverse("governance:item", args=[second.pk])
    services.vote_cast(item=second, voter=member, choice="for")
    awaited.refresh_from_db()
    assert awaited.resolution == "done"
    assert open_ones(member, f"meeting-open:{meeting.pk}").count() == 1  # item 1 still open
    services.vote_cast(item=item, voter=member, choice="for")
    assert open_ones(member, "meeting-open:").count() == 0
    # the others' "vote awaited" on the second item are withdrawn once it is decided
    services.vote_close_and_decide(item=second, actor=personas["km.chair"], outcome="approved")
    cito_second = Notification.objects.get(
        recipient=personas["cito"], key=f"vote-awaited:{second.pk}"
    )
    assert cito_second.resolution == "withdrawn"
    client.force_login(member)
    page = client.get(reverse("notifications")).content.decode()
    assert "Done" in page
    # what is left unread is the news of the decision, not work that was done
    assert "Notifications (1 unread)" in page
    assert open_ones(member).get().key.startswith("decision:")


def test_closing_the_meeting_withdraws_what_it_asked(personas):
    item = open_meeting_with_item(personas, present=("km.chair",))
    services.meeting_close(meeting=item.meeting, actor=personas["pmo"])
    assert open_ones(personas["km.member"], "meeting-open:").count() == 0
    assert (
        Notification.objects.filter(key__startswith="meeting-open:")
        .exclude(resolution="withdrawn")
        .count()
        == 0
    )


def test_a_project_notifies_whoever_it_waits_on_and_closes_that_when_they_act(
    personas, django_capture_on_commit_callbacks
):
    from portfolio import services as portfolio
    from tests.portfolio.factories import ALL_TICKED, draft

    pmo = personas["pmo"]
    project = draft(personas)
    with django_capture_on_commit_callbacks(execute=True):
        portfolio.project_submit(project=project, actor=personas["proponent"])
    waiting = open_ones(pmo, f"portfolio:project:{project.pk}:").get()
    assert "awaits your action" in waiting.body
    with django_capture_on_commit_callbacks(execute=True):
        portfolio.project_pmo_accept(project=project, actor=pmo, checklist=ALL_TICKED)
    waiting.refresh_from_db()
    assert waiting.resolution == "done"
    with django_capture_on_commit_callbacks(execute=True):
        portfolio.project_cancel(project=project, actor=pmo, reason="Merged into another.")
    told = Notification.objects.filter(
        recipient=personas["proponent"], key=f"portfolio:project:{project.pk}:cancelled"
    ).get()
    assert "awaits your action" not in told.body and "nothing awaits you" in told.body


def test_emails_carry_absolute_links_and_a_resolved_one_is_not_sent(
    settings, staff, pmo, django_capture_on_commit_callbacks
):
    settings.PORTAL_URL = "https://portal.example.org/"
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[staff], subject="Look", url="/governance/items/3/", key="k:1")
    assert "https://portal.example.org/governance/items/3/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[pmo], subject="Look too", url="/x/", key="k:2")
        resolve(key="k:2")
    assert len(mail.outbox) == 1
