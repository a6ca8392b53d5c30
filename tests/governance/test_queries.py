"""The register and the body page run the same number of queries with 20 and 500 decisions."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from governance.choices import AgendaItemKind, Outcome
from governance.models import AgendaItem, Decision, Meeting, Opinion
from tests.testing.queries import assert_constant_queries, count_queries

from .factories import MeetingFactory, MotionFactory, body

pytestmark = pytest.mark.django_db


def add_decisions(personas, n, code="km-steering"):
    the_body = body(code)
    motion = MotionFactory(body=the_body)
    content_type = ContentType.objects.get_for_model(motion)
    meeting = MeetingFactory(body=the_body, state="closed")
    start = (AgendaItem.objects.filter(meeting=meeting).count() or 0) + 1
    items = AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=meeting,
                position=start + i,
                kind=AgendaItemKind.DECISION,
                title=f"Item {i}",
                content_type=content_type,
                object_id=motion.pk,
                vote_closed_at=timezone.now(),
            )
            for i in range(n)
        ]
    )
    outcomes = list(Outcome)
    Decision.objects.bulk_create(
        [
            Decision(
                item=item,
                body=the_body,
                content_type=content_type,
                object_id=motion.pk,
                subject_label=f"{motion.title} #{i}",
                subject_version_label="motion v1",
                subject_version_pk=str(motion.pk),
                outcome=outcomes[i % 4],
                quorum_required=2,
                quorum_present=3,
                recorded_by=personas["km.chair"],
                provenance={},
            )
            for i, item in enumerate(items)
        ]
    )
    return motion


@pytest.fixture
def twenty(personas):
    add_decisions(personas, 20)


@pytest.mark.parametrize("username", ["pmo", "km.member", "api.reader"])
def test_the_register_runs_constant_queries(client, personas, twenty, username):
    client.force_login(personas[username])
    count = assert_constant_queries(
        client, reverse("governance:decisions"), lambda: add_decisions(personas, 480)
    )
    assert count < 20


def test_the_filtered_register_and_csv_run_constant_queries(client, personas, twenty):
    client.force_login(personas["pmo"])
    url = reverse("governance:decisions") + "?body=km-steering&outcome=approved&format=csv"
    assert_constant_queries(client, url, lambda: add_decisions(personas, 480))


@pytest.mark.parametrize("username", ["km.chair", "staff", "advisor"])
def test_the_body_page_runs_constant_queries(client, personas, twenty, username):
    client.force_login(personas[username])
    url = reverse("governance:body", args=["km-steering"])

    def grow():
        add_decisions(personas, 480)
        for i in range(30):
            Meeting.objects.create(
                body=body("km-steering"), title=f"Extra {i}", starts_at=timezone.now()
            )

    assert assert_constant_queries(client, url, grow) < 25


def test_the_bodies_directory_and_awaiting_vote_run_constant_queries(client, personas):
    client.force_login(personas["km.member"])
    for name in ("governance:bodies", "governance:awaiting_vote"):
        assert_constant_queries(client, reverse(name), lambda: add_decisions(personas, 50))


def test_the_subject_include_runs_constant_queries(client, personas):
    motion = add_decisions(personas, 20)
    client.force_login(personas["advisor"])
    url = reverse("governance:motion", args=[motion.pk])
    before, _ = count_queries(client, url)
    content_type = ContentType.objects.get_for_model(motion)
    Opinion.objects.bulk_create(
        Opinion(
            content_type=content_type,
            object_id=motion.pk,
            author=personas["advisor"],
            body=body("advisory-group"),
            stance="support",
            text=f"Opinion {i}",
        )
        for i in range(40)
    )
    after, response = count_queries(client, url)
    assert before == after
    assert "Opinion 39" in response.content.decode()


@pytest.mark.parametrize("username", ["km.chair", "km.member", "advisor"])
def test_the_meeting_page_runs_constant_queries_as_the_agenda_grows(client, personas, username):
    from governance import services

    from .factories import decide, open_meeting_with_item

    item = open_meeting_with_item(personas, present=("km.chair", "km.member", "cito"))
    meeting = item.meeting
    services.vote_cast(item=item, voter=personas["cito"], choice="for")

    def grow():
        for _ in range(5):
            extra = services.agenda_item_add(
                meeting=meeting, kind="decision", subject=MotionFactory(), actor=personas["pmo"]
            )
            services.vote_cast(item=extra, voter=personas["cito"], choice="against")
            services.opinion_give(
                subject=extra.subject, author=personas["advisor"], stance="support", text="Yes"
            )
        decided = services.agenda_item_add(
            meeting=meeting, kind="decision", subject=MotionFactory(), actor=personas["pmo"]
        )
        decide(decided, personas["km.chair"], "approved")

    client.force_login(personas[username])
    assert_constant_queries(client, reverse("governance:meeting", args=[meeting.pk]), grow)
