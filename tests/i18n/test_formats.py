"""Numbers, money, dates and times in each language and each reader's time zone."""

import datetime
import zoneinfo
from decimal import Decimal

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format, number_format

from governance.choices import MembershipRole
from governance.models import Membership
from tests.budgets.factories import CycleFactory, LineFactory, submission_of
from tests.governance.factories import MeetingFactory, body
from tests.portfolio.factories import draft

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
NBSP = "\xa0"
# 6242000 with two decimals, as each language writes it.
MONEY = {
    "ar": "6,242,000.00",
    "zh-hans": "6,242,000.00",
    "en": "6,242,000.00",
    "fr": f"6{NBSP}242{NBSP}000,00",
    "ru": f"6{NBSP}242{NBSP}000,00",
    "es": f"6{NBSP}242{NBSP}000,00",
}


def whole(language):
    return MONEY[language].rsplit(MONEY[language][-3], 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_money_is_grouped_in_every_language(language):
    with translation.override(language):
        assert number_format(Decimal("6242000"), 2, force_grouping=True) == MONEY[language]
        rendered = Template('{{ x|floatformat:"2g" }}').render(Context({"x": Decimal("6242000")}))
        assert rendered == MONEY[language]


@pytest.mark.parametrize("language", LANGUAGES)
def test_years_and_versions_are_never_grouped(language):
    with translation.override(language):
        assert Template("{{ year }}").render(Context({"year": 2026})) == "2026"


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_date_format_and_one_date_time_format_per_language(language):
    moment = datetime.datetime(2026, 2, 10, 13, 0, tzinfo=datetime.UTC)
    with translation.override(language), timezone.override(zoneinfo.ZoneInfo("UTC")):
        assert date_format(moment.date()) == date_format(moment.date(), "SHORT_DATE_FORMAT")
        plain = Template("{{ m }}").render(Context({"m": moment}))
        short = Template('{{ m|date:"SHORT_DATETIME_FORMAT" }}').render(Context({"m": moment}))
        assert plain == short
        assert short.endswith("13:00 UTC")


@pytest.mark.parametrize("language", LANGUAGES)
def test_amounts_are_grouped_on_the_pipeline(client, personas, language):
    draft(personas, cost=Decimal("6242000"))
    pmo = personas["pmo"]
    pmo.preferred_language = language
    pmo.save()
    client.force_login(pmo)
    html = client.get(reverse("portfolio:pipeline")).content.decode()
    assert whole(language) in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_amounts_are_grouped_on_the_consolidation(client, personas, language):
    cycle = CycleFactory()
    submission = submission_of("unog", state="approved", cycle=cycle, lines=0)
    LineFactory(submission=submission, year=cycle.first_year, amount=Decimal("6242000.00"))
    reviewer = personas["budget.reviewer"]
    reviewer.preferred_language = language
    reviewer.save()
    client.force_login(reviewer)
    html = client.get(reverse("budgets:consolidation") + f"?cycle={cycle.code}").content.decode()
    assert MONEY[language] in html


def test_a_meeting_at_14_00_in_geneva_shows_08_00_with_its_zone_for_a_new_york_user(
    client, personas
):
    steering = body("km-steering")
    chair = Membership.objects.get(body=steering, role=MembershipRole.CHAIR).user
    chair.time_zone = "Europe/Zurich"
    chair.save()
    geneva = zoneinfo.ZoneInfo("Europe/Zurich")
    meeting = MeetingFactory(
        body=steering, starts_at=datetime.datetime(2026, 2, 10, 14, 0, tzinfo=geneva)
    )
    reader = personas["km.member"]
    assert reader.duty_station == "New York" and not reader.time_zone
    client.force_login(reader)

    html = client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()

    assert "2026-02-10 08:00 EST" in html
    assert "2026-02-10 14:00 CET for the chair" in html


def test_the_chairs_zone_is_not_repeated_when_it_is_the_readers(client, personas):
    steering = body("km-steering")
    meeting = MeetingFactory(
        body=steering, starts_at=datetime.datetime(2026, 2, 10, 13, 0, tzinfo=datetime.UTC)
    )
    client.force_login(personas["km.member"])
    html = client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert "2026-02-10 08:00 EST" in html
    assert "for the chair" not in html


def test_a_chosen_time_zone_wins_over_the_duty_station(client, personas):
    reader = personas["km.member"]
    reader.time_zone = "Asia/Bangkok"
    reader.save()
    meeting = MeetingFactory(
        body=body("km-steering"),
        starts_at=datetime.datetime(2026, 2, 10, 13, 0, tzinfo=datetime.UTC),
    )
    client.force_login(reader)
    html = client.get(reverse("governance:meeting", args=[meeting.pk])).content.decode()
    assert "2026-02-10 20:00" in html
