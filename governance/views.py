from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from . import roles
from .forms import ProfileForm
from .loading import app_hooks
from .selectors import current_memberships


@login_required
def home(request):
    user = request.user
    links = []
    for _config, module in app_hooks("navigation"):
        links.extend(module.links(user))
    role_names = sorted(
        str(label) for name, label in roles.ROLE_LABELS.items() if roles.has_role(user, name)
    )
    context = {
        "memberships": current_memberships(user),
        "role_names": role_names,
        "units_led": user.units_led.all(),
        "links": links,
    }
    return render(request, "governance/home.html", context)


@login_required
def profile(request, token_form=None):
    from .apitokens.views import tokens_context

    posted = request.method == "POST" and token_form is None
    form = ProfileForm(request.POST if posted else None, instance=request.user)
    if posted and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    context = {"form": form, **tokens_context(request.user, token_form)}
    context["new_api_token"] = request.session.pop("new_api_token", None)
    status = 400 if token_form is not None else 200
    return render(request, "governance/profile.html", context, status=status)
