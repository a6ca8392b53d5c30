from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import permissions


def main_nav(user):
    if permissions.can_read_plans(user):
        yield _("Planning"), reverse("planning:scenarios")
        yield _("Envelopes"), reverse("planning:envelopes")
