from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import permissions


def links(user):
    yield _("Project pipeline"), reverse("portfolio:pipeline")
    yield _("Portfolio overview"), reverse("portfolio:overview")
    if permissions.can_propose(user):
        yield _("Propose a project"), reverse("portfolio:project_new")
    yield _("ICT asset inventory"), reverse("portfolio:assets")


def main_nav(user):
    yield _("Portfolio"), reverse("portfolio:pipeline")
