from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from governance import rights


def links(user):
    if rights.can_read_governance(user):
        yield _("Tamper-evident record: the head to quote"), reverse("ledger:head")
