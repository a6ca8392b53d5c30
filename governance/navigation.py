from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import rights


def links(user):
    yield _("Your profile and language"), reverse("profile")
    yield _("Governance bodies"), reverse("governance:bodies")
    if rights.can_read_governance(user):
        yield _("Decisions register"), reverse("governance:decisions")
    yield _("Awaiting my vote"), reverse("governance:awaiting_vote")
    if _administers(user):
        yield _("Administration"), reverse("administration:index")
    if user.is_staff:
        yield _("Django admin"), reverse("admin:index")


def main_nav(user):
    yield _("Bodies"), reverse("governance:bodies")
    if rights.can_read_governance(user):
        yield _("Decisions"), reverse("governance:decisions")
    yield _("Awaiting my vote"), reverse("governance:awaiting_vote")
    if _administers(user):
        yield _("Administration"), reverse("administration:index")


def administration(user):
    """The administration area's sections this app offers ``user``: (label, url, what)."""
    if not rights.can_view_structure(user):
        return []
    return [
        (
            _("Governance bodies and memberships"),
            reverse("administration:bodies"),
            _("Mandate, composition, cadence and decision rule; appoint, replace and end members."),
        ),
        (
            _("Organisation units"),
            reverse("administration:units"),
            _("Departments, offices and missions, their ICT units and chiefs."),
        ),
        (
            _("Users"),
            reverse("administration:users"),
            _("Accounts, units, duty stations, languages, time zones and roles."),
        ),
    ]


def _administers(user):
    from .administration.views import sections_for

    cached = getattr(user, "_administers", None)
    if cached is None:
        cached = bool(sections_for(user))
        user._administers = cached
    return cached
