"""The profile page: a person's details and language, and their personal API tokens.

Both ``governance.views.profile`` and the token views (``governance.apitokens.views``, which
re-show the page when a token form is wrong) render it here, so neither imports the other.
"""

from django.shortcuts import render

from .apitokens.forms import ApiTokenForm
from .apitokens.models import ApiToken
from .forms import ProfileForm


def render_profile(request, *, form=None, token_form=None, status=200):
    context = {
        "form": form or ProfileForm(instance=request.user),
        "api_tokens": ApiToken.objects.filter(user=request.user),
        "api_token_form": token_form or ApiTokenForm(),
        "new_api_token": request.session.pop("new_api_token", None),
    }
    return render(request, "governance/profile.html", context, status=status)
