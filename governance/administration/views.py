"""The administration area: the organisation run from the portal, through the services.

``/administration/`` gathers what each app lets a person administer (each app's
``navigation.administration(user)``); the pages here keep the governance structure: bodies and
their memberships, organisation units and users. Pages are read by the administrators and the
CITO; every change is a service of ``governance.administration.services``, whose refusal is a
403 page (rights) or an error on the form, beside what was typed (bad input).
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from core.forms import add_service_error
from core.loading import app_hooks

from .. import rights, roles
from ..models import Membership, User
from ..rights import RightsError
from . import forms, selectors, services

USERS_PAGE_SIZE = 50


def _refused(request, message):
    return render(request, "governance/refused.html", {"message": message}, status=403)


def structure_page(view):
    """A page of the structure administration: read by who may view it, 403 otherwise; a
    service's refusal (``RightsError``) is a 403 page with its message."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not rights.can_view_structure(request.user):
            return _refused(
                request, _("Only portal administrators and the CITO see the administration pages.")
            )
        try:
            return view(request, *args, **kwargs)
        except RightsError as error:
            return _refused(request, str(error))

    return login_required(wrapper)


def _call(form, service, **kwargs):
    """Call ``service``; on a ``ValidationError`` put it on ``form`` and return ``None``."""
    try:
        return service(**kwargs)
    except ValidationError as error:
        add_service_error(form, error)
        return None


def _post_only_for_admins(request):
    if request.method == "POST":
        rights.check_administer_structure(request.user)


# --------------------------------------------------------------------------- the hub


def sections_for(user):
    """What ``user`` administers, gathered from every app: (label, url, description)."""
    sections = []
    for _config, module in app_hooks("navigation"):
        if hasattr(module, "administration"):
            sections.extend(module.administration(user))
    return sections


@login_required
def index(request):
    sections = sections_for(request.user)
    if not sections:
        return _refused(request, _("You have nothing to administer in the portal."))
    return render(request, "governance/administration/index.html", {"sections": sections})


# --------------------------------------------------------------------------- bodies


@structure_page
def body_list(request):
    _post_only_for_admins(request)
    form = forms.BodyCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        body = _call(form, services.body_create, actor=request.user, **form.cleaned_data)
        if body is not None:
            messages.success(request, _("%(body)s is created.") % {"body": body})
            return redirect("administration:body", body.code)
    context = {
        "bodies": selectors.bodies(),
        "form": form if rights.can_administer_structure(request.user) else None,
    }
    return render(
        request,
        "governance/administration/body_list.html",
        context,
        status=400 if form.errors else 200,
    )


def _body_or_404(code):
    body = selectors.body(code)
    if body is None:
        raise Http404
    return body


@structure_page
def body_detail(request, code):
    body = _body_or_404(code)
    _post_only_for_admins(request)
    form = forms.BodyForm(request.POST or None, instance=selectors.body(code))
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in form.changed_data}
        if _call(form, services.body_update, body=body, actor=request.user, **values):
            messages.success(request, _("The body's details are saved."))
            return redirect("administration:body", body.code)
    return _body_page(request, body, body_form=form, status=400 if form.errors else 200)


def _body_page(request, body, *, body_form=None, appoint_form=None, status=200):
    can_edit = rights.can_administer_structure(request.user)
    memberships = list(selectors.memberships(body))
    current = [m for m in memberships if m.is_current()]
    context = {
        "body": body,
        "can_edit": can_edit,
        "body_form": (body_form or forms.BodyForm(instance=body)) if can_edit else None,
        "appoint_form": (appoint_form or forms.AppointForm(prefix="appoint")) if can_edit else None,
        "current": current,
        "memberships": memberships,
        "history": selectors.structure_history(body),
    }
    return render(request, "governance/administration/body_detail.html", context, status=status)


@structure_page
def membership_appoint(request, code):
    body = _body_or_404(code)
    rights.check_administer_structure(request.user)
    if request.method != "POST":
        return redirect("administration:body", body.code)
    form = forms.AppointForm(request.POST, prefix="appoint")
    if form.is_valid():
        membership = _call(
            form,
            services.membership_appoint,
            body=body,
            actor=request.user,
            **form.cleaned_data,
        )
        if membership is not None:
            messages.success(
                request,
                _("%(user)s is appointed %(role)s of %(body)s.")
                % {
                    "user": membership.user,
                    "role": membership.get_role_display().lower(),
                    "body": body,
                },
            )
            return redirect("administration:body", body.code)
    return _body_page(request, body, appoint_form=form, status=400)


def _membership_or_404(pk):
    membership = Membership.objects.select_related("body", "user").filter(pk=pk).first()
    if membership is None:
        raise Http404
    return membership


def _membership_action(request, pk, form_class, template_title, perform, done):
    """GET: the confirmation page with its form; POST: the service, then the body's page."""
    membership = _membership_or_404(pk)
    rights.check_administer_structure(request.user)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = _call(form, perform, membership=membership, **form.cleaned_data)
        if not form.errors:
            messages.success(request, done(membership, result))
            return redirect("administration:body", membership.body.code)
    return render(
        request,
        "governance/administration/membership_action.html",
        {"membership": membership, "form": form, "title": template_title},
        status=400 if form.errors else 200,
    )


@structure_page
def membership_end(request, pk):
    return _membership_action(
        request,
        pk,
        forms.EndMembershipForm,
        _("End a membership"),
        lambda membership, **values: services.membership_end(
            membership=membership, actor=request.user, **values
        ),
        lambda membership, result: (
            _("The membership of %(user)s has ended.") % {"user": membership.user}
            if result is not None
            else _("The appointment of %(user)s is withdrawn.") % {"user": membership.user}
        ),
    )


@structure_page
def membership_replace(request, pk):
    return _membership_action(
        request,
        pk,
        forms.ReplaceMembershipForm,
        _("Replace a member"),
        lambda membership, **values: services.membership_replace(
            membership=membership, actor=request.user, **values
        ),
        lambda membership, result: (
            _("%(new)s replaces %(old)s.") % {"new": result.user, "old": membership.user}
        ),
    )


@structure_page
def membership_change_role(request, pk):
    return _membership_action(
        request,
        pk,
        forms.ChangeRoleForm,
        _("Change a member's role"),
        lambda membership, **values: services.membership_change_role(
            membership=membership, actor=request.user, **values
        ),
        lambda membership, result: (
            _("%(user)s is now %(role)s.")
            % {"user": result.user, "role": result.get_role_display().lower()}
        ),
    )


# --------------------------------------------------------------------------- units


@structure_page
def unit_list(request):
    _post_only_for_admins(request)
    form = forms.UnitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        unit = _call(form, services.unit_create, actor=request.user, **values)
        if unit is not None:
            messages.success(request, _("%(unit)s is created.") % {"unit": unit})
            return redirect("administration:units")
    context = {
        "units": selectors.units(),
        "form": form if rights.can_administer_structure(request.user) else None,
    }
    return render(
        request,
        "governance/administration/unit_list.html",
        context,
        status=400 if form.errors else 200,
    )


@structure_page
def unit_detail(request, code):
    unit = selectors.unit(code)
    if unit is None:
        raise Http404
    _post_only_for_admins(request)
    form = forms.UnitForm(request.POST or None, instance=selectors.unit(code))
    if request.method == "POST" and form.is_valid():
        values = {n: form.cleaned_data[n] for n in form.changed_data if n != "code"}
        if _call(form, services.unit_update, unit=unit, actor=request.user, **values):
            messages.success(request, _("%(unit)s is saved.") % {"unit": unit})
            return redirect("administration:units")
    can_edit = rights.can_administer_structure(request.user)
    return render(
        request,
        "governance/administration/unit_detail.html",
        {"unit": unit, "form": form if can_edit else None},
        status=400 if form.errors else 200,
    )


# --------------------------------------------------------------------------- users


@structure_page
def user_list(request):
    query = request.GET.get("q", "").strip()[:100]
    role = request.GET.get("role", "")
    role = role if role in roles.ROLE_LABELS else ""
    page = Paginator(selectors.users(query=query, role=role), USERS_PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "page": page,
        "query": query,
        "role": role,
        "roles": roles.ROLE_LABELS.items(),
        "can_edit": rights.can_administer_structure(request.user),
    }
    return render(request, "governance/administration/user_list.html", context)


@structure_page
def user_create(request):
    rights.check_administer_structure(request.user)
    form = forms.UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = _call(
            form,
            services.user_create,
            actor=request.user,
            username=form.cleaned_data["username"],
            **form.service_values(),
        )
        if user is not None:
            messages.success(
                request, _("The account %(user)s is created.") % {"user": user.username}
            )
            return redirect("administration:user", user.pk)
    return render(
        request,
        "governance/administration/user_form.html",
        {"form": form, "account": None},
        status=400 if form.errors else 200,
    )


def _user_or_404(pk):
    user = User.objects.select_related("organisation_unit").filter(pk=pk).first()
    if user is None:
        raise Http404
    return user


@structure_page
def user_detail(request, pk):
    account = _user_or_404(pk)
    _post_only_for_admins(request)
    form = forms.UserForm(request.POST or None, instance=_user_or_404(pk))
    if request.method == "POST" and form.is_valid():
        values = form.service_values()
        values = {
            name: value
            for name, value in values.items()
            if name in form.changed_data or name in ("roles_held", "password")
        }
        if _call(form, services.user_update, user=account, actor=request.user, **values):
            messages.success(
                request, _("The account %(user)s is saved.") % {"user": account.username}
            )
            return redirect("administration:user", account.pk)
    context = {
        "form": form if rights.can_administer_structure(request.user) else None,
        "account": account,
        "memberships": selectors.user_memberships(account),
        "history": selectors.user_history(account),
        "role_labels": [
            label
            for name, label in roles.ROLE_LABELS.items()
            if name in roles.managed_roles(account)
        ],
    }
    return render(
        request,
        "governance/administration/user_form.html",
        context,
        status=400 if form.errors else 200,
    )


@structure_page
def user_activation(request, pk, action):
    account = _user_or_404(pk)
    rights.check_administer_structure(request.user)
    form = forms.ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if action == "deactivate":
            done = _call(
                form,
                services.user_deactivate,
                user=account,
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
            message = _("The account %(user)s is deactivated; its memberships have ended.")
        else:
            done = _call(form, services.user_reactivate, user=account, actor=request.user)
            message = _("The account %(user)s is active again.")
        if done is not None:
            messages.success(request, message % {"user": account.username})
            return redirect("administration:user", account.pk)
    return render(
        request,
        "governance/administration/user_activation.html",
        {"account": account, "form": form, "action": action},
        status=400 if form.errors else 200,
    )
