from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance import rights


def main_nav(user):
    yield _("Transparency"), reverse("transparency:overview")


def administration(user):
    """The administration area's sections this app offers ``user``: (label, url, what)."""
    if not rights.can_administer_structure(user):
        return []
    return [
        (
            _("Public access to the transparency area"),
            reverse("transparency:switch"),
            _("Open the member-state transparency area, its open data and its feed to the public."),
        )
    ]
