from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance import rights

from . import permissions


def links(user):
    yield _("ICT staffing by department (Annex IV)"), reverse("staffing:summary")
    yield _("ICT staffing over time"), reverse("staffing:trend")
    yield _("ICT staffing plans against actuals"), reverse("staffing:plan")
    if rights.preparer_unit_ids(user):
        yield _("Report your unit's ICT staff"), reverse("staffing:snapshot_new")


def main_nav(user):
    yield _("Staffing"), reverse("staffing:summary")


def administration(user):
    """The administration area's sections this app offers ``user``: (label, url, what)."""
    if not permissions.can_manage_rounds(user):
        return []
    return [
        (
            _("Staffing rounds"),
            reverse("staffing:rounds"),
            _("Call every ICT unit for its staff figures as of a date; close the round."),
        )
    ]
