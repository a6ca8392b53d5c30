from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def links(user):
    yield _("Strategic programmes and initiatives"), reverse("programmes:list")


def main_nav(user):
    yield _("Programmes"), reverse("programmes:list")
