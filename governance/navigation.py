from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def links(user):
    yield _("Your profile and language"), reverse("profile")
    if user.is_staff:
        yield _("Administration"), reverse("admin:index")
