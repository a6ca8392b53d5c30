"""Acceptance 1 of issue 13: every main page, rendered as a persona in each of the six
languages, shows no English text from the catalogue (beyond words that are the same in both
languages). The check runs for each language whose catalogue is complete
(``test_catalogues.TRANSLATION_IN_PROGRESS`` lists the others); that every page renders in every
language is checked now."""

import os
import re
from html.parser import HTMLParser

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils.translation import to_locale

from tests.i18n.test_catalogues import TRANSLATION_IN_PROGRESS

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SHOWN_ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}


class VisibleText(HTMLParser):
    """The page's text nodes and the attributes a person reads or hears, whitespace collapsed;
    text marked as another language (``lang="en"``: the language switcher's "English") aside."""

    def __init__(self):
        super().__init__()
        self.texts, self.hidden, self.stack = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.hidden += 1
        attrs = dict(attrs)
        if tag not in VOID:
            self.stack.append((tag, tag != "html" and "lang" in attrs))
        if any(foreign for _tag, foreign in self.stack):
            return
        for name in SHOWN_ATTRIBUTES:
            if attrs.get(name):
                self.texts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.texts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.hidden -= 1
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index][0] == tag:
                del self.stack[index:]
                break

    def handle_data(self, data):
        foreign = any(foreign for _tag, foreign in self.stack)
        if not self.hidden and not foreign and data.strip():
            self.texts.append(data)


def visible_texts(html):
    parser = VisibleText()
    parser.feed(html)
    return {re.sub(r"\s+", " ", text).strip() for text in parser.texts}


def translated_msgids(language):
    """English texts that the language's catalogue translates differently: whole messages
    without placeholders (those are checked as the text nodes they become)."""
    path = settings.LOCALE_PATHS[0] / to_locale(language) / "LC_MESSAGES" / "django.po"
    found = set()
    for entry in polib.pofile(str(path)):
        if entry.obsolete or "fuzzy" in entry.flags or entry.msgid_plural:
            continue
        if not entry.msgstr or entry.msgstr == entry.msgid:
            continue
        if "%" in entry.msgid or "{" in entry.msgid or len(entry.msgid) < 2:
            continue
        found.add(entry.msgid.strip())
    return found


def english_left(html, msgids):
    return sorted(text for text in visible_texts(html) if text in msgids)


def main_pages():
    """(persona, url) for every main page, from the demo data."""
    from governance.models import Decision, Meeting
    from portfolio.budgets.models import BudgetSubmission
    from portfolio.choices import ProjectState
    from portfolio.models import Project
    from portfolio.reports.models import QuarterlyReport
    from survey.models import Survey

    project = Project.objects.filter(state=ProjectState.IN_DELIVERY).first()
    at_committee = (
        Project.objects.filter(
            state__in=[
                ProjectState.WITH_STEERING_COMMITTEE,
                ProjectState.WITH_EXECUTIVE_COMMITTEE,
                ProjectState.APPROVED,
            ]
        ).first()
        or project
    )
    meeting = Meeting.objects.filter(body__code="km-steering").order_by("-starts_at").first()
    submission = BudgetSubmission.objects.filter(unit__code="unog").order_by("-pk").first()
    survey_open = Survey.objects.filter(status="open").first()
    survey_closed = Survey.objects.filter(status="closed").first()
    report = QuarterlyReport.objects.order_by("-pk").first()
    pages = [
        ("pmo", reverse("home")),
        ("km.chair", reverse("home")),
        ("km.chair", reverse("governance:awaiting_vote")),
        ("pmo", reverse("portfolio:pipeline")),
        ("budget.reviewer", reverse("budgets:review_queue")),
        ("pmo", reverse("portfolio:project", args=[project.pk])),
        ("km.chair", reverse("portfolio:committee_item", args=[at_committee.pk])),
        ("km.chair", reverse("governance:meeting", args=[meeting.pk])),
        ("pmo", reverse("governance:decisions")),
        ("chief.geneva", reverse("budgets:my_unit")),
        ("chief.geneva", reverse("budgets:submission", args=[submission.pk])),
        ("chief.geneva", reverse("staffing:snapshot_new")),
        ("pmo", reverse("administration:index")),
    ]
    if survey_open:
        pages.append(("staff", reverse("survey:respond", args=[survey_open.pk])))
    if survey_closed:
        pages.append(("pmo", reverse("survey:results", args=[survey_closed.pk])))
    if report:
        pages.append(("pmo", reverse("reports:report", args=[report.pk])))
    assert Decision.objects.exists()
    return pages


@pytest.fixture
def demo_data(personas):
    with open(os.devnull, "w") as null:
        call_command("load_demo_data", verbosity=0, stdout=null)


def render_all(language):
    from governance.models import User

    pages = {}
    for username, url in main_pages():
        user = User.objects.get(username=username)
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
        client = Client()
        client.force_login(user)
        response = client.get(url)
        pages[(username, url)] = response
    return pages


def test_every_main_page_renders_in_each_language_and_none_shows_english_msgids(demo_data):
    failures = []
    for language in LANGUAGES:
        pages = render_all(language)
        check = language != "en" and to_locale(language) not in TRANSLATION_IN_PROGRESS
        msgids = translated_msgids(language) if check else set()
        for (username, url), response in pages.items():
            if response.status_code != 200:
                failures.append(f"{language} {username} {url}: {response.status_code}")
                continue
            html = response.content.decode()
            assert f'lang="{language}"' in html, (language, url)
            left = english_left(html, msgids) if check else []
            if left:
                failures.append(f"{language} {username} {url}: {left[:15]}")
    assert not failures, "\n".join(failures)


def test_the_check_finds_an_english_text_the_catalogue_translates():
    html = (
        '<main><h1>État</h1><th>State</th><button aria-label="Log out">x</button>'
        "<script>var s = 'State';</script>"
        '<select><option lang="en">English</option><option lang="fr">Français</option></select>'
        "</main>"
    )
    assert english_left(html, {"State", "Log out", "Budget", "English"}) == ["Log out", "State"]
