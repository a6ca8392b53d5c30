from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .forms import ApiTokenForm
from .models import ApiToken
from .services import api_token_issue, api_token_revoke


def tokens_context(user, form=None):
    return {
        "api_tokens": ApiToken.objects.filter(user=user),
        "api_token_form": form or ApiTokenForm(),
    }


@login_required
@require_POST
def token_create(request):
    form = ApiTokenForm(request.POST)
    if not form.is_valid():
        from governance.views import profile

        return profile(request, token_form=form)
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
    api_token_revoke(token=token, actor=request.user)
    messages.success(request, _("Token “%(name)s” revoked.") % {"name": token.name})
    return redirect("profile")
