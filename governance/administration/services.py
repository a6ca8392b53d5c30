"""Every write to the governance structure: bodies, memberships, organisation units, users.

The administration pages, the Django admin and the API call these. Each checks the actor's
right (``rights.check_administer_structure``), locks what it changes, validates with the
models' own rules, and writes its audit entry in the same transaction. Rights follow at once:
``rights`` reads memberships on every request, and saving or deleting a membership re-computes
the person's guardian permissions on the body (``governance.signals``), so a member appointed
now votes on the next request and a member whose membership ended no longer does.

Dates: a membership's ``end`` is its last day. Ending "with immediate effect" makes yesterday
the last day; a membership that never came into force (it would end before it starts) is
withdrawn, its details kept in the audit entry.
"""

import datetime

from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from core import clock
from core.records import append_only_models
from core.translations import as_stored, localized

from .. import rights, roles
from ..audit import audit
from ..choices import MembershipRole
from ..models import Body, Membership, OrganisationUnit, User
from ..notifications import notify

#: What an administrator may change on a body. Its kind, rights and programme come from the
#: strategy (reference data) and are changed only by creating the body afresh.
BODY_FIELDS = (
    *localized("name"),
    *localized("composition"),
    *localized("mandate"),
    "cadence",
    "cadence_note",
    "quorum_rule",
    "quorum_minimum",
    "decision_rule",
    "secretariat_unit",
)
BODY_CREATE_FIELDS = ("code", "kind", "rights", "programme", "paragraph", *BODY_FIELDS)
UNIT_FIELDS = (*localized("name"), "kind", "parent", "duty_station", "chief")
USER_FIELDS = (
    "display_name",
    "first_name",
    "last_name",
    "email",
    "organisation_unit",
    "duty_station",
    "preferred_language",
    "time_zone",
    "is_staff",
)
#: Roles only one current member of a body holds at a time.
SINGLE_SEATS = frozenset({MembershipRole.CHAIR, MembershipRole.VICE_CHAIR})
#: The chief of this unit is the CITO (``roles.is_cito``): no local ICT chief role for them.
CITO_UNIT = "oict"


def _changes(instance, values, allowed):
    """Set ``values`` (restricted to ``allowed``) on ``instance``; return {field: [was, now]}."""
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed here: %(fields)s.")
            % {"fields": ", ".join(sorted(unknown))}
        )
    changed = {}
    for name, value in values.items():
        before = getattr(instance, name)
        if before != value:
            changed[name] = [_plain(before), _plain(value)]
            setattr(instance, name, value)
    return changed


def _plain(value):
    if hasattr(value, "pk"):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- bodies


def body_create(*, actor, **values):
    rights.check_administer_structure(actor)
    values = as_stored(Body, values)
    unknown = set(values) - set(BODY_CREATE_FIELDS)
    if unknown:
        raise ValidationError(
            _("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    with transaction.atomic():
        body = Body(**values)
        body.full_clean()
        body.save()
        audit(actor=actor, action="body.create", target=body, summary=body.name)
    return body


def body_update(*, body, actor, **values):
    """Change a body's mandate, composition, cadence or decision rule."""
    rights.check_administer_structure(actor)
    values = as_stored(Body, values)
    with transaction.atomic():
        body = Body.objects.select_for_update().get(pk=body.pk)
        changed = _changes(body, values, BODY_FIELDS)
        if not changed:
            return body
        body.full_clean()
        body.save(update_fields=[Body._meta.get_field(n).attname for n in changed])
        audit(
            actor=actor,
            action="body.update",
            target=body,
            summary=_("%(body)s: %(fields)s changed")
            % {"body": body, "fields": ", ".join(sorted(changed))},
            changes=changed,
        )
    return body


# --------------------------------------------------------------------------- memberships


def membership_appoint(*, body, user, role, actor, votes=None, start=None, end=None):
    """Appoint ``user`` to ``body`` from ``start`` (today by default) until ``end`` (its last
    day; open-ended by default). Observers and secretaries never vote; others vote unless
    ``votes`` says otherwise."""
    rights.check_administer_structure(actor)
    with transaction.atomic():
        Body.objects.select_for_update().get(pk=body.pk)  # serialises appointments to a body
        membership = _appoint(body, user, role, votes, start or clock.today(), end, actor)
    return membership


def _appoint(body, user, role, votes, start, end, actor):
    if not user.is_active:
        raise ValidationError(
            {"user": _("%(user)s's account is deactivated: reactivate it first.") % {"user": user}}
        )
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    if votes is None:
        votes = role not in (MembershipRole.OBSERVER, MembershipRole.SECRETARY)
    membership = Membership(body=body, user=user, role=role, votes=votes, start=start, end=end)
    membership.full_clean()
    overlapping = _overlapping(Membership.objects.filter(body=body), start, end)
    if overlapping.filter(user=user).exists():
        raise ValidationError(
            {
                "user": _(
                    "%(user)s already sits on %(body)s in that period: end or change that "
                    "membership instead."
                )
                % {"user": user, "body": body}
            }
        )
    if role in SINGLE_SEATS:
        holder = overlapping.filter(role=role).select_related("user").first()
        if holder is not None:
            raise ValidationError(
                {
                    "role": _(
                        "%(user)s is %(role)s of %(body)s in that period: replace them, or make "
                        "the new member %(role)s with “Change role”."
                    )
                    % {"user": holder.user, "role": holder.get_role_display().lower(), "body": body}
                }
            )
    membership.save()
    audit(
        actor=actor,
        action="membership.appoint",
        target=membership,
        summary=_("%(user)s appointed %(role)s of %(body)s from %(start)s")
        % {
            "user": user,
            "role": membership.get_role_display().lower(),
            "body": body,
            "start": start.isoformat(),
        },
        body=body.code,
        user=user.username,
        role=role,
        votes=votes,
        start=start.isoformat(),
        end=end.isoformat() if end else None,
    )
    notify(
        recipients=[user],
        subject=lambda: (
            _("You are %(role)s of %(body)s from %(start)s")
            % {
                "role": membership.get_role_display().lower(),
                "body": body,
                "start": start.isoformat(),
            }
        ),
        url=_body_url(body),
        key=f"membership:{membership.pk}:appoint",
    )
    return membership


def _overlapping(queryset, start, end):
    """Memberships whose period shares a day with [start, end] (end None: open-ended)."""
    queryset = queryset.filter(Q(end__isnull=True) | Q(end__gte=start))
    if end is not None:
        queryset = queryset.filter(start__lte=end)
    return queryset


def membership_end(*, membership, actor, last_day=None, reason=""):
    """End a membership. Without ``last_day`` it ends with immediate effect: its rights are
    gone on the next request. Returns the membership, or ``None`` when it was withdrawn
    (it would have ended before it started)."""
    rights.check_administer_structure(actor)
    with transaction.atomic():
        membership = _lock_membership(membership)
        return _end(membership, last_day, actor, reason, may_withdraw=last_day is None)


def _end(membership, last_day, actor, reason, *, may_withdraw=True):
    last_day = last_day or clock.today() - datetime.timedelta(days=1)
    if membership.end is not None and membership.end <= last_day:
        raise ValidationError(
            {
                "last_day": _("This membership already ended on %(day)s.")
                % {"day": membership.end.isoformat()}
            }
        )
    details = {
        "body": membership.body.code,
        "user": membership.user.username,
        "role": membership.role,
        "votes": membership.votes,
        "start": membership.start.isoformat(),
        "last_day": last_day.isoformat(),
        "reason": reason,
    }
    if last_day < membership.start:
        if not may_withdraw:
            raise ValidationError(
                {"last_day": _("A membership cannot end before it starts: withdraw it instead.")}
            )
        # Never in force: the appointment is withdrawn, its record stays in the audit trail.
        audit(
            actor=actor,
            action="membership.withdraw",
            target=membership,
            summary=_("%(membership)s withdrawn before it started") % {"membership": membership},
            **details,
        )
        membership.delete()
        return None
    membership.end = last_day
    membership.full_clean()
    membership.save(update_fields=["end"])
    audit(
        actor=actor,
        action="membership.end",
        target=membership,
        summary=_("%(membership)s: last day %(day)s")
        % {"membership": membership, "day": last_day.isoformat()},
        **details,
    )
    notify(
        recipients=[membership.user],
        subject=lambda: (
            _("Your membership of %(body)s ends: last day %(day)s")
            % {"body": membership.body, "day": last_day.isoformat()}
        ),
        url=_body_url(membership.body),
        key=f"membership:{membership.pk}:end",
    )
    return membership


def membership_replace(*, membership, user, actor, on=None):
    """``user`` takes over ``membership``'s seat (role and vote) from ``on`` (today by
    default); the membership ends the day before."""
    rights.check_administer_structure(actor)
    on = on or clock.today()
    with transaction.atomic():
        membership = _lock_membership(membership)
        if not membership.is_current(on):
            raise ValidationError(_("Only a membership in force on that day can be handed over."))
        body, role, votes = membership.body, membership.role, membership.votes
        _end(
            membership,
            on - datetime.timedelta(days=1),
            actor,
            _("Replaced by %(user)s") % {"user": user},
        )
        return _appoint(body, user, role, votes, on, None, actor)


def membership_change_role(*, membership, role, actor, votes=None, on=None, holder_stays=True):
    """Give a member another role from ``on`` (today by default): the membership ends the day
    before and a new one starts, so the history shows both. Making someone chair (or
    vice-chair) ends the current holder's seat too; with ``holder_stays`` they stay on as a
    voting member."""
    rights.check_administer_structure(actor)
    on = on or clock.today()
    if role not in MembershipRole.values:
        raise ValidationError({"role": _("Choose a role.")})
    with transaction.atomic():
        Body.objects.select_for_update().get(pk=membership.body_id)
        membership = _lock_membership(membership)
        if not membership.is_current(on):
            raise ValidationError(_("Only a membership in force on that day changes role."))
        body, user = membership.body, membership.user
        if votes is None:
            votes = membership.votes and role not in (
                MembershipRole.OBSERVER,
                MembershipRole.SECRETARY,
            )
        if role == membership.role and votes == membership.votes:
            raise ValidationError({"role": _("%(user)s already has that role.") % {"user": user}})
        day_before = on - datetime.timedelta(days=1)
        if role in SINGLE_SEATS:
            for holder in (
                Membership.objects.current(on)
                .filter(body=body, role=role)
                .exclude(pk=membership.pk)
                .select_related("user", "body")
            ):
                _end(holder, day_before, actor, _("%(user)s takes the seat") % {"user": user})
                if holder_stays:
                    _appoint(body, holder.user, MembershipRole.MEMBER, True, on, None, actor)
        end = membership.end
        _end(membership, day_before, actor, _("Role changed"))
        return _appoint(body, user, role, votes, on, end, actor)


def _lock_membership(membership):
    return (
        Membership.objects.select_for_update(of=("self",))
        .select_related("body", "user")
        .get(pk=membership.pk)
    )


def _body_url(body):
    from django.urls import reverse

    return reverse("governance:body", args=[body.code])


# --------------------------------------------------------------------------- organisation units


def unit_create(*, actor, code, kind, name=None, **values):
    rights.check_administer_structure(actor)
    values = as_stored(OrganisationUnit, {"name": name, **values} if name else values)
    with transaction.atomic():
        unit = OrganisationUnit(code=code, kind=kind)
        _changes(unit, values, UNIT_FIELDS)
        _check_parent(unit)
        unit.full_clean()
        unit.save()
        audit(actor=actor, action="unit.create", target=unit, summary=unit.name)
        if unit.chief_id:
            _sync_chief_role(unit, None, unit.chief)
    return unit


def unit_update(*, unit, actor, **values):
    """Change a unit: its name, kind, place in the organisation, duty station or ICT chief."""
    rights.check_administer_structure(actor)
    with transaction.atomic():
        unit = (
            OrganisationUnit.objects.select_for_update(of=("self",))
            .select_related("chief")
            .get(pk=unit.pk)
        )
        previous_chief = unit.chief
        changed = _changes(unit, as_stored(OrganisationUnit, values), UNIT_FIELDS)
        if not changed:
            return unit
        _check_parent(unit)
        unit.full_clean()
        unit.save(update_fields=[OrganisationUnit._meta.get_field(n).attname for n in changed])
        audit(
            actor=actor,
            action="unit.update",
            target=unit,
            summary=_("%(unit)s: %(fields)s changed")
            % {"unit": unit, "fields": ", ".join(sorted(changed))},
            changes=changed,
        )
        if "chief" in changed:
            _sync_chief_role(unit, previous_chief, unit.chief)
    return unit


def _check_parent(unit):
    parent, seen = unit.parent, set()
    while parent is not None:
        if parent.pk == unit.pk or parent.pk in seen:
            raise ValidationError({"parent": _("A unit cannot sit under itself.")})
        seen.add(parent.pk)
        parent = parent.parent


def _sync_chief_role(unit, previous, chief):
    """The chief of a local ICT unit holds the local ICT chief role; a former chief who leads
    no other unit loses it. (The chief of OICT is the CITO, not a local chief.)"""
    group = Group.objects.get_or_create(name=roles.ICT_CHIEFS)[0]
    if chief is not None and unit.code != CITO_UNIT:
        chief.groups.add(group)
        _forget_roles(chief)
    if previous is not None and (chief is None or previous.pk != chief.pk):
        leads_other = (
            OrganisationUnit.objects.filter(chief=previous).exclude(code=CITO_UNIT).exists()
        )
        if not leads_other:
            previous.groups.remove(group)
            _forget_roles(previous)


def _forget_roles(user):
    for cache in ("_role_names", "_is_cito", "_reads_governance", "_budget_unit_ids"):
        user.__dict__.pop(cache, None)


# --------------------------------------------------------------------------- users


def user_create(*, actor, username, password="", roles_held=(), **values):
    """Create an account. Without a password it cannot sign in with one until it is set."""
    rights.check_administer_structure(actor)
    with transaction.atomic():
        user = User(username=username)
        _changes(user, values, USER_FIELDS)
        user.full_clean(exclude=["password"])
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError({"username": _("This username is taken.")})
        _set_password(user, password)
        user.save()
        _set_roles(user, roles_held)
        audit(
            actor=actor,
            action="user.create",
            target=user,
            summary=user.username,
            roles=sorted(roles_held),
        )
    return user


def user_update(*, user, actor, roles_held=None, password="", **values):
    """Change a person's details, unit, duty station, language, time zone or roles."""
    rights.check_administer_structure(actor)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _check_not_superuser(user, actor)
        changed = _changes(user, values, USER_FIELDS)
        if "is_staff" in changed and user.pk == actor.pk:
            raise ValidationError({"is_staff": _("You cannot change your own access.")})
        user.full_clean(exclude=["password"])
        fields = [User._meta.get_field(n).attname for n in changed]
        if password:
            _set_password(user, password)
            fields.append("password")
            changed["password"] = ["…", "…"]
        if fields:
            user.save(update_fields=fields)
        if roles_held is not None:
            before = sorted(roles.managed_roles(user))
            after = sorted(roles_held)
            if before != after:
                if user.pk == actor.pk and roles.PORTAL_ADMINS not in after:
                    raise ValidationError(
                        {"roles_held": _("You cannot remove your own administrator role.")}
                    )
                _set_roles(user, roles_held)
                changed["roles"] = [before, after]
        if changed:
            audit(
                actor=actor,
                action="user.update",
                target=user,
                summary=_("%(user)s: %(fields)s changed")
                % {"user": user.username, "fields": ", ".join(sorted(changed))},
                changes=changed,
            )
    return user


def user_deactivate(*, user, actor, reason=""):
    """Close an account: the person can no longer sign in or use a token, and their current
    memberships end with immediate effect (they no longer count for quorum)."""
    rights.check_administer_structure(actor)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _check_not_superuser(user, actor)
        if user.pk == actor.pk:
            raise ValidationError(_("You cannot deactivate your own account."))
        if not user.is_active:
            raise ValidationError(_("This account is already deactivated."))
        ended = []
        for membership in (
            Membership.objects.current().filter(user=user).select_related("body", "user")
        ):
            _end(membership, None, actor, reason or _("Account deactivated"))
            ended.append(membership.body.code)
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit(
            actor=actor,
            action="user.deactivate",
            target=user,
            summary=user.username,
            reason=reason,
            memberships_ended=ended,
        )
    return user


def user_reactivate(*, user, actor):
    rights.check_administer_structure(actor)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _check_not_superuser(user, actor)
        if user.is_active:
            raise ValidationError(_("This account is active."))
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit(actor=actor, action="user.reactivate", target=user, summary=user.username)
    return user


def user_has_acted(user):
    """Whether any append-only record (an audit entry, a vote, a decision, a transition...)
    names ``user``: such a person stays in the record and is deactivated, never deleted."""
    for model in append_only_models():
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is User:
                if model._base_manager.filter(**{field.name: user}).exists():
                    return True
    return False


def check_user_deletable(user):
    if user_has_acted(user):
        raise ValidationError(
            _(
                "%(user)s has acted in the portal and the record names them, so the account "
                "cannot be deleted: deactivate it instead."
            )
            % {"user": user.username}
        )


def user_delete(*, user, actor):
    """Delete an account that was never used (created by mistake); one that has acted is
    refused: deactivate it (``user_deactivate``)."""
    rights.check_administer_structure(actor)
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        _check_not_superuser(user, actor)
        if user.pk == actor.pk:
            raise ValidationError(_("You cannot delete your own account."))
        check_user_deletable(user)
        audit(actor=actor, action="user.delete", target=user, summary=user.username)
        user.delete()


def _check_not_superuser(user, actor):
    if user.is_superuser and not actor.is_superuser:
        raise rights.RightsError(_("Only a superuser changes a superuser's account."))


def _set_password(user, password):
    if password:
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise ValidationError({"password": error.messages}) from error
        user.set_password(password)
    else:
        user.set_unusable_password()


def _set_roles(user, roles_held):
    unknown = set(roles_held) - set(roles.ROLE_LABELS)
    if unknown:
        raise ValidationError({"roles_held": _("Unknown role.")})
    managed = Group.objects.filter(name__in=roles.ROLE_LABELS)
    wanted = [Group.objects.get_or_create(name=name)[0] for name in sorted(roles_held)]
    user.groups.remove(*[g for g in managed if g.name not in roles_held])
    user.groups.add(*wanted)
    _forget_roles(user)
