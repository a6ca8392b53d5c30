from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def links(user):
    yield _("Strategic programmes and initiatives"), reverse("programmes:list")
    yield _("Implementation plan of the strategy"), reverse("programmes:plan")
    yield _("Key performance indicators"), reverse("programmes:kpis")


def main_nav(user):
    yield _("Programmes"), reverse("programmes:list")
    yield _("KPIs"), reverse("programmes:kpis")
