from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.dashboard import collect_panels
from core.loading import app_hooks
from core.search import clean_query, search_everything

from . import rights, roles
from .forms import ProfileForm
from .profile import render_profile
from .services import user_language_set


@login_required
def home(request):
    """The person's dashboard: each app's panels for each of their roles, then every link."""
    user = request.user
    links = []
    for _config, module in app_hooks("navigation"):
        # An app may offer only a menu entry (main_nav) and no dashboard links.
        if hasattr(module, "links"):
            links.extend(module.links(user))
    role_names = sorted(
        str(label) for name, label in roles.ROLE_LABELS.items() if roles.has_role(user, name)
    )
    context = {
        "panels": collect_panels(user),
        "memberships": rights.current_seats(user),
        "role_names": role_names,
        "units_led": user.units_led.all(),
        "links": links,
    }
    return render(request, "governance/home.html", context)


@login_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user, request=request)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your profile was saved."))
        return redirect("profile")
    return render_profile(request, form=form)


@login_required
def search(request):
    """One search box over projects, decisions, bodies, meetings and documents, each group
    read through the selector of its list (what the person may see, and nothing else)."""
    query = clean_query(request.GET.get("q"))
    groups = search_everything(request.user, query) if query else []
    return render(
        request,
        "governance/search.html",
        {
            "query": query,
            "groups": [group for group in groups if group.total],
            "total": sum(group.total for group in groups),
        },
    )


@require_POST
def set_language(request):
    """The header's language switcher: Django's ``set_language`` (the cookie), and for a
    signed-in person the profile too, so that the explicit choice wins from now on (the profile's
    language is otherwise what every page is served in)."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        user_language_set(user=request.user, language=language)
    return response
