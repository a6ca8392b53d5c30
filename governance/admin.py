from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin

from .models import Body, BudgetDelegate, Membership, OrganisationUnit, User


# --------------------------------------------------------------------------- meetings, decisions
# Admin actions call the same services as the pages, so the same rights and messages apply.
@admin.register(BudgetDelegate)
class BudgetDelegateAdmin(admin.ModelAdmin):
    """Chiefs name delegates on their page (through the service); the admin only reads."""

    list_display = ["unit", "user", "named_by", "created_at"]
    list_select_related = ["unit", "user", "named_by"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


from django.contrib import messages  # noqa: E402
from django.core.exceptions import ValidationError  # noqa: E402
from django.db.models import Q  # noqa: E402

from . import services  # noqa: E402
from .choices import Outcome, VoteChoice  # noqa: E402
from .models import (  # noqa: E402
    AgendaItem,
    Attendance,
    AuditEntry,
    Decision,
    Meeting,
    Motion,
    Notification,
    Opinion,
    Recusal,
    Vote,
)
from .rights import RightsError  # noqa: E402


def _run(modeladmin, request, queryset, call, done):
    succeeded = 0
    for obj in queryset:
        try:
            call(obj)
        except (RightsError, ValidationError) as error:
            text = str(error) if isinstance(error, RightsError) else " ".join(error.messages)
            modeladmin.message_user(request, f"{obj}: {text}", messages.ERROR)
        else:
            succeeded += 1
    if succeeded:
        modeladmin.message_user(request, done % {"n": succeeded}, messages.SUCCESS)


class ServiceRefusalsMixin:
    """A service's refusal while saving a form is shown as a message, nothing is saved."""

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except (RightsError, ValidationError) as error:
            text = str(error) if isinstance(error, RightsError) else " ".join(error.messages)
            self.message_user(request, text, messages.ERROR)
            from django.shortcuts import redirect

            return redirect(request.path)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class AgendaItemInline(ReadOnlyInline):
    model = AgendaItem
    fields = ["position", "kind", "title", "content_type", "object_id", "vote_closed_at"]
    readonly_fields = fields


class AttendanceInline(ReadOnlyInline):
    model = Attendance
    fields = ["member", "present", "supersedes", "recorded_by", "recorded_at"]
    readonly_fields = fields


@admin.register(Meeting)
class MeetingAdmin(ServiceRefusalsMixin, admin.ModelAdmin):
    list_display = ["title", "body", "kind", "starts_at", "deadline", "state"]
    list_select_related = ["body"]
    list_filter = ["body", "kind", "state"]
    search_fields = ["title", "minutes"]
    readonly_fields = [
        "state",
        "opened_at",
        "closed_at",
        "minutes_by",
        "created_by",
        "kind",
        "deadline",
    ]
    inlines = [AgendaItemInline, AttendanceInline]
    actions = ["open_meetings", "close_meetings"]

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_locked:
            return [f.name for f in Meeting._meta.fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if change:
            if "minutes" in form.changed_data:
                services.minutes_record(meeting=obj, text=obj.minutes, actor=request.user)
            other = set(form.changed_data) - {"minutes"}
            if other:
                # Planning details (title, date, place) are not governed transitions.
                from .rights import check_manage_meetings

                check_manage_meetings(request.user, obj.body)
                type(obj).objects.filter(pk=obj.pk).update(
                    **{name: getattr(obj, name) for name in other}
                )
            return
        created = services.meeting_create(
            body=obj.body,
            title=obj.title,
            starts_at=obj.starts_at,
            location=obj.location,
            actor=request.user,
        )
        obj.pk = created.pk

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Open the selected meetings"))
    def open_meetings(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda m: services.meeting_open(meeting=m, actor=request.user),
            _("%(n)s meeting(s) opened."),
        )

    @admin.action(description=_("Close (and lock) the selected meetings"))
    def close_meetings(self, request, queryset):
        _run(
            self,
            request,
            queryset,
            lambda m: services.meeting_close(meeting=m, actor=request.user),
            _("%(n)s meeting(s) closed."),
        )


def _vote_action(choice):
    def action(modeladmin, request, queryset):
        _run(
            modeladmin,
            request,
            queryset,
            lambda item: services.vote_cast(item=item, voter=request.user, choice=choice),
            _("%(n)s vote(s) recorded."),
        )

    action.__name__ = f"vote_{choice}"
    return admin.action(
        description=_("Vote “%(choice)s” on the selected items")
        % {"choice": VoteChoice(choice).label}
    )(action)


def _decide_action(outcome):
    def action(modeladmin, request, queryset):
        _run(
            modeladmin,
            request,
            queryset,
            lambda item: services.vote_close_and_decide(
                item=item, actor=request.user, outcome=outcome
            ),
            _("%(n)s decision(s) recorded."),
        )

    action.__name__ = f"decide_{outcome}"
    return admin.action(
        description=_("Close the vote and record: %(outcome)s")
        % {"outcome": Outcome(outcome).label}
    )(action)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    list_display = ["title", "meeting", "position", "kind", "vote_closed_at"]
    list_select_related = ["meeting", "meeting__body"]
    list_filter = ["kind", "meeting__body"]
    search_fields = ["title", "meeting__title"]
    readonly_fields = ["meeting", "position", "kind", "content_type", "object_id", "vote_closed_at"]
    actions = [
        *(_vote_action(c) for c in VoteChoice.values),
        *(
            _decide_action(o)
            for o in (Outcome.APPROVED, Outcome.REJECTED, Outcome.DEFERRED, Outcome.RETURNED)
        ),
    ]

    def has_add_permission(self, request):
        # Items are added from the meeting page, through the service that checks the subject.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ["voter", "item", "choice", "cast_at"]
    list_select_related = ["voter", "item"]
    list_filter = ["choice", "item__meeting__body"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Recusal)
class RecusalAdmin(VoteAdmin):
    list_display = ["member", "item", "reason", "declared_at"]
    list_select_related = ["member", "item"]
    list_filter = ["item__meeting__body"]


@admin.register(Decision)
class DecisionAdmin(admin.ModelAdmin):
    """Read-only: a recorded decision never changes (a later one supersedes it)."""

    list_display = ["subject_label", "body", "outcome", "rank", "recorded_at", "supersedes"]
    list_select_related = ["body", "supersedes"]
    list_filter = ["body", "outcome"]
    search_fields = ["subject_label", "rationale"]
    date_hierarchy = "recorded_at"

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in Decision._meta.fields] + ["opinions_seen"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Opinion)
class OpinionAdmin(admin.ModelAdmin):
    list_display = ["author", "body", "stance", "content_type", "object_id", "created_at"]
    list_select_related = ["author", "body", "content_type"]
    list_filter = ["stance", "body"]
    search_fields = ["text", "author__username"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Motion)
class MotionAdmin(ServiceRefusalsMixin, admin.ModelAdmin):
    list_display = ["title", "body", "topic", "state", "rank"]
    list_select_related = ["body"]
    list_filter = ["body", "state", "topic"]
    search_fields = ["title", "text"]
    readonly_fields = ["state", "rank", "version", "proposed_by", "created_at"]

    def save_model(self, request, obj, form, change):
        if change:
            from .rights import check_manage_meetings

            check_manage_meetings(request.user, obj.body)
            super().save_model(request, obj, form, change)
            return
        created = services.motion_create(
            body=obj.body, title=obj.title, text=obj.text, topic=obj.topic, actor=request.user
        )
        obj.pk = created.pk

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(VoteAdmin):
    list_display = ["created_at", "actor", "action", "summary"]
    list_select_related = ["actor"]
    list_filter = ["action"]
    search_fields = ["summary", "object_id"]


class ReadOnlyModelAdmin(admin.ModelAdmin):
    """For records written only by services (attendance, notifications, survey answers):
    the admin shows them and changes nothing."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyModelAdmin):
    list_display = ["member", "meeting", "present", "recorded_at"]
    list_select_related = ["member", "meeting"]
    list_filter = ["meeting__body"]


@admin.register(Notification)
class NotificationAdmin(ReadOnlyModelAdmin):
    list_display = ["subject", "recipient", "created_at", "read_at", "emailed"]
    list_select_related = ["recipient"]
    list_filter = ["emailed"]
    search_fields = ["subject", "recipient__username"]


# --------------------------------------------------------------------------- the structure
# Bodies, memberships, units and users change through governance.administration.services,
# whoever saves: the admin's forms collect the values, the services check, write and audit.
from core import clock  # noqa: E402

from .administration import services as structure  # noqa: E402


class _ServiceSaveMixin(ServiceRefusalsMixin):
    """Saves call ``create(request, obj, form)`` or ``update(request, obj, form, values)``;
    the instance the form built is never saved by the admin itself."""

    service_fields = ()

    def save_model(self, request, obj, form, change):
        if change:
            values = {
                n: form.cleaned_data[n] for n in form.changed_data if n in self.service_fields
            }
            if values:
                self.update(request, obj, form, values)
            return
        created = self.create(request, obj, form)
        obj.pk = created.pk
        obj._state.adding = False

    def save_related(self, request, form, formsets, change):
        # Many-to-many fields are not edited here (the services own them); the inlines are
        # read-only, so saving their formsets writes nothing.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Body)
class BodyAdmin(_ServiceSaveMixin, GuardedModelAdmin):
    list_display = [
        "name",
        "kind",
        "rights",
        "programme",
        "cadence",
        "quorum_rule",
        "decision_rule",
    ]
    list_select_related = ["programme"]
    list_filter = ["rights", "kind"]
    search_fields = ["name", "name_zh_hans", "code"]
    service_fields = structure.BODY_FIELDS

    def get_readonly_fields(self, request, obj=None):
        return ["code", "kind", "rights", "programme", "paragraph"] if obj else []

    def get_inlines(self, request, obj):
        return [MembershipInline] if obj else []

    def create(self, request, obj, form):
        return structure.body_create(
            actor=request.user,
            **{
                n: form.cleaned_data[n]
                for n in structure.BODY_CREATE_FIELDS
                if n in form.cleaned_data
            },
        )

    def update(self, request, obj, form, values):
        structure.body_update(body=obj, actor=request.user, **values)


class MembershipInline(ReadOnlyInline):
    """Who sits on the body: read here; appoint, replace or end on the Membership pages."""

    model = Membership
    fields = ["user", "role", "votes", "start", "end"]
    readonly_fields = fields


@admin.register(Membership)
class MembershipAdmin(_ServiceSaveMixin, admin.ModelAdmin):
    """A membership is appointed here (``membership_appoint``); afterwards only its last day
    changes (``membership_end``), so the history of who sat where stays true."""

    list_display = ["user", "body", "role", "votes", "start", "end"]
    list_select_related = ["user", "body"]
    list_filter = ["body", "role", "votes"]
    search_fields = ["user__username", "user__display_name", "body__name"]
    autocomplete_fields = ["user"]
    actions = ["end_now"]
    service_fields = ["end"]

    def get_readonly_fields(self, request, obj=None):
        return ["body", "user", "role", "votes", "start"] if obj else []

    def create(self, request, obj, form):
        data = form.cleaned_data
        return structure.membership_appoint(
            body=data["body"],
            user=data["user"],
            role=data["role"],
            votes=data["votes"],
            start=data["start"],
            end=data.get("end"),
            actor=request.user,
        )

    def update(self, request, obj, form, values):
        if values.get("end") is None:
            raise ValidationError(
                _("A membership that has ended cannot be reopened: appoint again.")
            )
        structure.membership_end(
            membership=obj,
            last_day=values["end"],
            actor=request.user,
            reason=str(_("Django admin")),
        )

    @admin.action(description=_("End the selected memberships now"))
    def end_now(self, request, queryset):
        _run(
            self,
            request,
            queryset.filter(Q(end__isnull=True) | Q(end__gte=clock.today())),
            lambda m: structure.membership_end(membership=m, actor=request.user),
            _("%(n)s membership(s) ended."),
        )


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(_ServiceSaveMixin, admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "chief", "annex_iv_row"]
    list_select_related = ["parent", "chief"]
    list_filter = ["kind"]
    search_fields = ["name", "name_zh_hans", "code"]
    autocomplete_fields = ["parent", "chief"]
    service_fields = structure.UNIT_FIELDS

    def get_readonly_fields(self, request, obj=None):
        return ["code", "annex_iv_row"] if obj else ["annex_iv_row"]

    def create(self, request, obj, form):
        data = form.cleaned_data
        return structure.unit_create(
            actor=request.user,
            code=data["code"],
            name=data["name"],
            kind=data["kind"],
            **{
                n: data[n] for n in structure.UNIT_FIELDS if n in data and n not in ("name", "kind")
            },
        )

    def update(self, request, obj, form, values):
        structure.unit_update(unit=obj, actor=request.user, **values)


@admin.register(User)
class UserAdmin(_ServiceSaveMixin, BaseUserAdmin):
    """Superusers keep Django's full user admin. Everyone else edits a person's details
    through ``user_update`` (roles on the portal's user page), and deactivates through
    ``user_deactivate`` (which ends their seats)."""

    list_display = ["username", "display_name", "organisation_unit", "duty_station", "is_active"]
    list_select_related = ["organisation_unit"]
    list_filter = ["is_active", "is_staff", "groups", "organisation_unit"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("Organisation"),
            {
                "fields": [
                    "display_name",
                    "preferred_language",
                    "time_zone",
                    "duty_station",
                    "organisation_unit",
                ]
            },
        ),
    )
    structure_fieldsets = (
        (None, {"fields": ["username", "is_active"]}),
        (
            _("Person"),
            {"fields": ["display_name", "first_name", "last_name", "email", "is_staff"]},
        ),
        (
            _("Organisation"),
            {
                "fields": [
                    "organisation_unit",
                    "duty_station",
                    "preferred_language",
                    "time_zone",
                ]
            },
        ),
    )
    service_fields = structure.USER_FIELDS
    actions = ["deactivate"]

    def get_fieldsets(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return super().get_fieldsets(request, obj)
        return self.structure_fieldsets

    def get_readonly_fields(self, request, obj=None):
        if request.user.is_superuser or obj is None:
            return ()
        return ("username", "is_active")

    def save_model(self, request, obj, form, change):
        if request.user.is_superuser:
            return BaseUserAdmin.save_model(self, request, obj, form, change)
        return super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        if request.user.is_superuser:
            return BaseUserAdmin.save_related(self, request, form, formsets, change)
        return super().save_related(request, form, formsets, change)

    def create(self, request, obj, form):
        return structure.user_create(
            actor=request.user,
            username=form.cleaned_data["username"],
            password=form.cleaned_data.get("password1") or "",
        )

    def update(self, request, obj, form, values):
        structure.user_update(user=obj, actor=request.user, **values)

    @admin.action(description=_("Deactivate the selected accounts (their seats end)"))
    def deactivate(self, request, queryset):
        _run(
            self,
            request,
            queryset.filter(is_active=True),
            lambda user: structure.user_deactivate(user=user, actor=request.user),
            _("%(n)s account(s) deactivated."),
        )
