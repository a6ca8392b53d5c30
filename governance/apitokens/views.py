from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import confirm

from ..forms import reauthenticate
from ..profile import render_profile
from .forms import ApiTokenForm
from .models import ApiToken
from .services import api_token_issue, api_token_revoke


@login_required
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST)
    # Creating a token hands out lasting access: the person confirms with their password.
    if not form.is_valid() or not reauthenticate(
        form, request, form.cleaned_data.get("current_password")
    ):
        return render_profile(request, token_form=form, status=400)
    token, key = api_token_issue(
        user=request.user,
        name=form.cleaned_data["name"],
        read_only=form.cleaned_data["read_only"],
        expires_days=form.cleaned_data["expires_days"],
    )
    request.session["new_api_token"] = {"id": token.pk, "key": key}
    messages.success(request, _("Token created. Copy its key now: it will not be shown again."))
    return redirect("profile")


@login_required
@require_POST
def token_revoke(request, pk):
    # Another user's token is not found, rather than forbidden: its existence is not leaked.
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    if not confirm.confirmed(request):
        return confirm.ask(
            request,
            confirm.Irreversible(
                title=_("Revoke the API token “%(name)s”") % {"name": token.name},
                consequence=_(
                    "Every program using this token loses access at once; a revoked token "
                    "cannot be restored, only replaced by a new one with a new key."
                ),
                button=_("Revoke the token"),
                cancel_url=reverse("profile"),
                facts=((_("Token"), token.name),),
            ),
        )
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("profile")
