"""The forms of a body's page (plan a meeting, put a motion, open a written procedure): bad input
shows the page again with what was typed and the field's message (a 400), and changes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from governance.models import AgendaItem, Meeting, Motion

from .factories import MotionFactory, body

pytestmark = pytest.mark.django_db

URL = "governance:{}"


def _post(client, personas, name, data):
    client.force_login(personas["km.chair"])
    return client.post(reverse(URL.format(name), args=["km-steering"]), data)


def test_a_meeting_with_a_bad_date_keeps_what_was_typed(client, personas):
    response = _post(
        client,
        personas,
        "meeting_create",
        {"title": "Quarterly review of KM", "starts_at": "next Tuesday", "location": "Room S-2"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a valid date/time." in page
    assert 'value="Quarterly review of KM"' in page
    assert 'value="Room S-2"' in page
    assert 'value="next Tuesday"' in page
    assert not Meeting.objects.filter(title="Quarterly review of KM").exists()


def test_a_motion_without_its_text_keeps_its_title_and_topic(client, personas):
    before = Motion.objects.count()
    response = _post(
        client,
        personas,
        "motion_create",
        {"title": "Adopt the records retention policy", "topic": "policy", "text": ""},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "This field is required." in page
    assert 'value="Adopt the records retention policy"' in page
    assert '<option value="policy" selected>' in page
    assert Motion.objects.count() == before


def test_a_written_procedure_refused_by_the_service_says_why_beside_the_field(client, personas):
    motion = MotionFactory(body=body("km-steering"))
    past = (timezone.now() - datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    before = AgendaItem.objects.count()
    response = _post(
        client, personas, "written_procedure_open", {"motion": motion.pk, "deadline": past}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "The deadline must be in the future." in page
    assert f'value="{past}"' in page
    assert f'<option value="{motion.pk}" selected>' in page
    assert AgendaItem.objects.count() == before


@pytest.mark.parametrize("name", ["meeting_create", "motion_create", "written_procedure_open"])
def test_a_member_who_may_not_run_meetings_is_refused_whatever_was_typed(client, personas, name):
    client.force_login(personas["km.member"])
    response = client.post(reverse(URL.format(name), args=["km-steering"]), {})
    assert response.status_code == 403


# --------------------------------------------------------------------------- the agenda


def _meeting(personas):
    from .factories import MeetingFactory

    return MeetingFactory(body=body("km-steering"))


@pytest.mark.parametrize(
    ("typed", "message", "kept"),
    [
        # refused by the service: a decision item names no subject
        (
            {"kind": "decision", "title": "Records retention", "notes": "Second reading"},
            "An item for decision names its subject.",
            [
                'value="Records retention"',
                "Second reading</textarea>",
                '<option value="decision" selected>',
            ],
        ),
        # refused by the form: no such kind of item
        (
            {"kind": "gossip", "title": "Corridor news"},
            "Select a valid choice.",
            ['value="Corridor news"'],
        ),
    ],
)
def test_a_refused_agenda_item_keeps_what_was_typed(client, personas, typed, message, kept):
    meeting = _meeting(personas)
    client.force_login(personas["km.chair"])
    response = client.post(reverse(URL.format("agenda_item_add"), args=[meeting.pk]), typed)
    page = response.content.decode()
    assert response.status_code == 400
    assert message in page
    for text in kept:
        assert text in page
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


def test_a_member_who_may_not_run_meetings_adds_no_agenda_item(client, personas):
    meeting = _meeting(personas)
    client.force_login(personas["km.member"])
    response = client.post(
        reverse(URL.format("agenda_item_add"), args=[meeting.pk]), {"kind": "gossip"}
    )
    assert response.status_code == 403
    assert not AgendaItem.objects.filter(meeting=meeting).exists()


# --------------------------------------------------------------------------- opinions


def _opinion_url(subject):
    from django.contrib.contenttypes.models import ContentType

    content_type = ContentType.objects.get_for_model(subject)
    return reverse(URL.format("opinion_give"), args=[content_type.pk, subject.pk])


def test_an_opinion_without_its_text_comes_back_with_the_stance_chosen(client, personas):
    from governance.models import Opinion

    motion = MotionFactory()
    client.force_login(personas["advisor"])
    response = client.post(
        _opinion_url(motion),
        {"stance": "concerns", "text": "", "next": motion.get_absolute_url()},
        follow=True,
    )
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == motion.get_absolute_url()
    assert "Opinion: This field is required." in page
    assert '<option value="concerns" selected>' in page
    assert not Opinion.objects.exists()
    # Shown once: the next visit has an empty form again.
    again = client.get(motion.get_absolute_url()).content.decode()
    assert '<option value="concerns" selected>' not in again


def test_an_opinion_with_an_unknown_stance_keeps_its_text(client, personas):
    from governance.models import Opinion

    motion = MotionFactory()
    client.force_login(personas["advisor"])
    response = client.post(
        _opinion_url(motion),
        {
            "stance": "shrug",
            "text": "Mind the cost of licences.",
            "next": motion.get_absolute_url(),
        },
        follow=True,
    )
    page = response.content.decode()
    assert "Select a valid choice." in page
    assert "Mind the cost of licences.</textarea>" in page
    assert not Opinion.objects.exists()
