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


def administration(user):
    """The administration area's sections this app offers ``user``: (label, url, what)."""
    if not permissions.can_manage_assets(user):
        return []
    return [
        (
            _("ICT asset inventory"),
            reverse("portfolio:assets"),
            _("Add, edit, retire and link assets to projects; import and export the inventory."),
        )
    ]
