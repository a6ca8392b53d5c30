from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def links(user):
    yield _("ICT staffing by department (Annex IV)"), reverse("staffing:summary")


def main_nav(user):
    yield _("Staffing"), reverse("staffing:summary")
