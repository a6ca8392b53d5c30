from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from portfolio.budgets import permissions


def links(user):
    yield _("ICT staffing by department (Annex IV)"), reverse("staffing:summary")
    yield _("ICT staffing over time"), reverse("staffing:trend")
    yield _("ICT staffing plans against actuals"), reverse("staffing:plan")
    if permissions.preparer_unit_ids(user):
        yield _("Report your unit's ICT staff"), reverse("staffing:snapshot_new")


def main_nav(user):
    yield _("Staffing"), reverse("staffing:summary")
