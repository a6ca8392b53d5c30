from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance import rights

from . import permissions


def links(user):
    if rights.preparer_unit_ids(user):
        yield _("My ICT unit: budget, staff and what is due"), reverse("budgets:my_unit")
    if permissions.can_review(user):
        yield _("ICT budgets to review"), reverse("budgets:review_queue")
    if permissions.can_see_consolidation(user):
        yield _("Consolidated ICT budget"), reverse("budgets:consolidation")


def main_nav(user):
    if rights.preparer_unit_ids(user):
        yield _("My unit"), reverse("budgets:my_unit")
    if permissions.can_review(user):
        yield _("Budget review"), reverse("budgets:review_queue")
    elif permissions.can_see_consolidation(user):
        yield _("ICT budget"), reverse("budgets:consolidation")


def administration(user):
    """The administration area's sections this app offers ``user``: (label, url, what)."""
    if not permissions.can_manage_cycles(user):
        return []
    return [
        (
            _("Budget cycles"),
            reverse("budgets:cycles"),
            _("Open a cycle with its due date, move the due date, close it."),
        )
    ]
