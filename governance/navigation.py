from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import rights


def links(user):
    yield _("Your profile and language"), reverse("profile")
    yield _("Governance bodies"), reverse("governance:bodies")
    if rights.can_read_governance(user):
        yield _("Decisions register"), reverse("governance:decisions")
    yield _("Awaiting my vote"), reverse("governance:awaiting_vote")
    if user.is_staff:
        yield _("Administration"), reverse("admin:index")


def main_nav(user):
    yield _("Bodies"), reverse("governance:bodies")
    if rights.can_read_governance(user):
        yield _("Decisions"), reverse("governance:decisions")
    yield _("Awaiting my vote"), reverse("governance:awaiting_vote")
