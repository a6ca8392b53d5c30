"""Governance records in the search box: bodies, meetings, decisions and motions, each through
the selector its list uses."""

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.search import SearchResult, group
from core.translations import localized

from . import selectors


def search(user, query):
    yield group(
        "bodies",
        _("Governance bodies"),
        selectors.bodies_directory(),
        [*localized("name"), *localized("mandate"), *localized("composition")],
        query,
        lambda body: SearchResult(body.name, body_url(body), body.get_rights_display()),
    )
    yield group(
        "meetings",
        _("Meetings"),
        selectors.meetings_visible_to(user),
        ["title", "location", "minutes"],
        query,
        lambda meeting: SearchResult(
            meeting.title,
            meeting.get_absolute_url(),
            f"{meeting.body}, {date_format(meeting.starts_at, 'DATE_FORMAT')}",
        ),
    )
    yield group(
        "decisions",
        _("Decisions"),
        selectors.decisions_visible_to(user),
        ["subject_label", "rationale", "subject_version_label"],
        query,
        lambda decision: SearchResult(
            decision.subject_label,
            decision.get_absolute_url(),
            f"{decision.body}: {decision.get_outcome_display()}, "
            f"{date_format(decision.recorded_at, 'DATE_FORMAT')}",
        ),
    )
    yield group(
        "motions",
        _("Motions"),
        selectors.motions_visible_to(user),
        ["title", "text"],
        query,
        lambda motion: SearchResult(
            motion.title, motion.get_absolute_url(), f"{motion.body}: {motion.get_state_display()}"
        ),
    )


def body_url(body):
    from django.urls import reverse

    return reverse("governance:body", args=[body.code])
