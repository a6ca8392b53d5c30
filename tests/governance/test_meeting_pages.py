"""The meeting as people run it: the agenda, one page per item, the minutes; the board pack and
the minutes as PDF; the .ics invitation (issue 14)."""

import pytest
from django.urls import reverse
from icalendar import Calendar

from core import pdf
from governance import services
from governance.choices import AgendaItemKind
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

from .factories import MotionFactory, open_meeting_with_item, vote_for
from .test_views import KM_VOTERS, NOT_READERS, READERS, km_item

pytestmark = pytest.mark.django_db


@pytest.fixture
def pdf_as_html(monkeypatch):
    """The PDF views answer with the HTML they would print, to read it as text."""
    monkeypatch.setattr(pdf, "html_to_pdf", lambda html: html.encode())


class TestItemPage(PersonaAccessMixin):
    allowed = READERS
    hidden = NOT_READERS

    def get_url(self, personas):
        return reverse("governance:item", args=[km_item(personas).pk])


class TestMinutesPage(PersonaAccessMixin):
    allowed = READERS
    hidden = NOT_READERS

    def get_url(self, personas):
        return reverse("governance:minutes", args=[km_item(personas).meeting_id])


class TestBoardPack(PersonaAccessMixin):
    allowed = READERS
    hidden = NOT_READERS

    def get_url(self, personas):
        return reverse("governance:board_pack", args=[km_item(personas).meeting_id])

    @pytest.fixture(autouse=True)
    def _as_html(self, pdf_as_html):
        pass


class TestMinutesPdf(TestBoardPack):
    def get_url(self, personas):
        return reverse("governance:minutes_pdf", args=[km_item(personas).meeting_id])


class TestInvitation(PersonaAccessMixin):
    allowed = READERS
    hidden = NOT_READERS

    def get_url(self, personas):
        return reverse("governance:meeting_ics", args=[km_item(personas).meeting_id])


def test_the_agenda_lists_each_item_with_where_it_stands_and_a_link(client, personas):
    item = km_item(personas)
    services.vote_cast(item=item, voter=personas["km.member"], choice="for")
    client.force_login(personas["km.chair"])
    page = client.get(reverse("governance:meeting", args=[item.meeting_id])).content.decode()
    assert reverse("governance:item", args=[item.pk]) in page
    assert "1 for, 0 against, 0 abstaining" in page and "awaits your vote" in page
    assert "Record the decision" not in page  # the forms are on the item's page


def test_a_vote_returns_to_the_item_and_the_item_links_to_the_next(client, personas):
    item = km_item(personas)
    second = services.agenda_item_add(
        meeting=item.meeting,
        kind=AgendaItemKind.DECISION,
        subject=MotionFactory(),
        actor=personas["pmo"],
    )
    client.force_login(personas["km.member"])
    item_url = reverse("governance:item", args=[item.pk])
    response = client.post(
        reverse("governance:vote_cast", args=[item.pk]), {f"item{item.pk}-choice": "for"}
    )
    assert response.status_code == 302 and response["Location"] == item_url
    page = client.get(item_url).content.decode()
    assert "Your vote is recorded." in page and "you voted For" in page
    assert reverse("governance:item", args=[second.pk]) in page and 'rel="next"' in page


def test_the_decision_returns_to_the_item(client, personas):
    item = vote_for(km_item(personas), "approved")
    client.force_login(personas["km.chair"])
    response = client.post(
        reverse("governance:vote_close_and_decide", args=[item.pk]),
        {f"item{item.pk}-outcome": "approved", "confirmed": "1"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("governance:item", args=[item.pk])
    page = response.content.decode()
    assert "The decision is recorded." in page and "Decided:" in page


def test_attendance_and_minutes_return_to_the_minutes_page(client, personas):
    item = km_item(personas)
    minutes_url = reverse("governance:minutes", args=[item.meeting_id])
    client.force_login(personas["pmo"])
    response = client.post(
        reverse("governance:minutes_record", args=[item.meeting_id]), {"minutes": "We met."}
    )
    assert response["Location"] == minutes_url
    response = client.post(
        reverse("governance:attendance_record", args=[item.meeting_id]),
        {"attendees": [personas["km.chair"].pk]},
    )
    assert response["Location"] == minutes_url
    page = client.get(minutes_url).content.decode()
    assert "We met." in page and "Save the minutes" in page and "Record attendance" in page


def _project_on_agenda(personas):
    from tests.portfolio.factories import draft, walk

    project = walk(draft(personas), personas, "with_steering_committee")
    services.opinion_give(
        subject=project, author=personas["advisor"], stance="concerns", text="Mind year two."
    )
    item = open_meeting_with_item(personas, present=tuple(KM_VOTERS), subject=project)
    return project, item


def test_the_board_pack_has_the_agenda_business_case_review_and_opinions(
    client, personas, pdf_as_html
):
    project, item = _project_on_agenda(personas)
    client.force_login(personas["km.member"])
    response = client.get(reverse("governance:board_pack", args=[item.meeting_id]))
    assert response["Content-Type"] == "application/pdf"
    assert "board-pack.pdf" in response["Content-Disposition"]
    text = response.content.decode()
    assert f"Board pack: {item.meeting.title}" in text
    assert "Business case version 1 (submitted" in text and "Costs by year" in text
    assert "PMO review" in text and "Accepted" in text
    assert "Mind year two." in text


def test_the_minutes_pdf_has_attendance_votes_and_says_whether_signed_off(
    client, personas, pdf_as_html
):
    item = km_item(personas)
    meeting = item.meeting
    services.vote_cast(item=item, voter=personas["km.member"], choice="against")
    services.minutes_record(meeting=meeting, text="Discussed the motion.", actor=personas["pmo"])
    client.force_login(personas["km.member"])
    url = reverse("governance:minutes_pdf", args=[meeting.pk])
    response = client.get(url)
    text = response.content.decode()
    assert "minutes-draft.pdf" in response["Content-Disposition"] and "DRAFT" in text
    assert "present" in text and "absent" in text and str(personas["km.member"]) in text
    assert "Against" in text and "Discussed the motion." in text
    services.meeting_close(meeting=meeting, actor=personas["pmo"])
    response = client.get(url)
    assert "-minutes.pdf" in response["Content-Disposition"]
    assert "Signed off" in response.content.decode()


def test_the_pdf_is_a_real_pdf(client, personas):
    _, item = _project_on_agenda(personas)
    client.force_login(personas["km.chair"])
    response = client.get(reverse("governance:board_pack", args=[item.meeting_id]))
    assert response.content.startswith(b"%PDF-") and len(response.content) > 5000


def test_the_invitation_is_an_icalendar_event(client, personas):
    item = km_item(personas)
    meeting = item.meeting
    client.force_login(personas["km.member"])
    response = client.get(reverse("governance:meeting_ics", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == meeting.title
    assert event.decoded("dtstart") == meeting.starts_at.replace(microsecond=0)
    assert meeting.get_absolute_url() in str(event["url"])


@pytest.mark.parametrize("name", ["governance:item", "governance:minutes"])
def test_the_item_and_minutes_pages_run_constant_queries(client, personas, name):
    item = km_item(personas)
    meeting = item.meeting
    key = item.pk if name == "governance:item" else meeting.pk

    def grow():
        for _ in range(4):
            extra = services.agenda_item_add(
                meeting=meeting, kind="decision", subject=MotionFactory(), actor=personas["pmo"]
            )
            services.vote_cast(item=extra, voter=personas["cito"], choice="against")
            services.opinion_give(
                subject=extra.subject, author=personas["advisor"], stance="support", text="Yes"
            )
        services.vote_cast(item=item, voter=personas["km.member"], choice="for")

    client.force_login(personas["km.chair"])
    assert_constant_queries(client, reverse(name, args=[key]), grow)


def test_the_board_pack_runs_constant_queries(client, personas, pdf_as_html):
    _, item = _project_on_agenda(personas)

    def grow():
        from tests.portfolio.factories import draft, walk

        for _ in range(2):
            project = walk(draft(personas), personas, "with_steering_committee")
            services.agenda_item_add(
                meeting=item.meeting, kind="decision", subject=project, actor=personas["pmo"]
            )

    client.force_login(personas["km.chair"])
    assert_constant_queries(client, reverse("governance:board_pack", args=[item.meeting_id]), grow)
