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
