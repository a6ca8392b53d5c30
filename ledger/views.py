from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from governance import rights

from . import chain


@login_required
@require_GET
def head(request):
    """The chain's current head hash and its date, for minutes to quote. Whoever may read the
    governance register may read it (the hash reveals nothing of the rows)."""
    if not rights.can_read_governance(request.user):
        raise PermissionDenied(
            _("The record's head is shown to those who may read the decisions register.")
        )
    return render(request, "ledger/head.html", {"head": chain.head()})
