from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import permissions


def links(user):
    if permissions.can_read_reports(user):
        yield _("Quarterly portfolio reports"), reverse("reports:list")


def main_nav(user):
    if permissions.can_read_reports(user):
        yield _("Reports"), reverse("reports:list")
