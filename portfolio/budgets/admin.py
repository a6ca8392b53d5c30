from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from governance.admin import ServiceRefusalsMixin
from governance.rights import RightsError

from . import services
from .choices import Action
from .models import (
    BudgetCycle,
    BudgetLine,
    BudgetSubmission,
    BudgetSubmissionEvent,
)


@admin.register(BudgetCycle)
class BudgetCycleAdmin(ServiceRefusalsMixin, admin.ModelAdmin):
    """Cycles open (``cycle_open``), move their due date (``cycle_set_due_date``) and close
    (``cycle_close``) through the services, with their audit entries and notifications."""

    list_display = ["name", "code", "first_year", "last_year", "opens_on", "closes_on", "closed_at"]
    actions = ["close_cycles"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ["closed_at"]
        return ["code", "name", "first_year", "last_year", "opens_on", "closed_at"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            if "closes_on" in form.changed_data:
                services.cycle_set_due_date(
                    cycle=obj, closes_on=data["closes_on"], actor=request.user
                )
            return
        created = services.cycle_open(
            actor=request.user,
            code=data["code"],
            name=data["name"],
            first_year=data["first_year"],
            last_year=data["last_year"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
        )
        obj.pk = created.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Close the selected cycles"))
    def close_cycles(self, request, queryset):
        for cycle in queryset:
            try:
                services.cycle_close(cycle=cycle, actor=request.user)
            except (services.BudgetError, RightsError) as error:
                self.message_user(request, f"{cycle}: {error}", messages.ERROR)


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ["year", "category", "source", "amount", "justification", "initiative", "project"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class BudgetSubmissionEventInline(admin.TabularInline):
    model = BudgetSubmissionEvent
    extra = 0
    fields = ["created_at", "action", "actor", "from_state", "to_state", "version", "comment"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


def _transition(action, label):
    @admin.action(description=label)
    def run(modeladmin, request, queryset):
        done = 0
        for submission in queryset:
            try:
                services.submission_transition(
                    submission=submission, action=action, actor=request.user
                )
                done += 1
            except (services.BudgetError, RightsError) as error:
                modeladmin.message_user(request, f"{submission}: {error}", messages.ERROR)
        if done:
            modeladmin.message_user(request, _("%(count)s submissions changed.") % {"count": done})

    run.__name__ = f"{action}_selected"
    return run


@admin.register(BudgetSubmission)
class BudgetSubmissionAdmin(admin.ModelAdmin):
    """Read-only: lines and states change only through the services (and their history)."""

    list_display = ["unit", "cycle", "state", "version", "submitted_at", "updated_at"]
    list_select_related = ["unit", "cycle"]
    list_filter = ["cycle", "state"]
    search_fields = ["unit__name", "unit__code"]
    readonly_fields = [
        "cycle",
        "unit",
        "state",
        "version",
        "created_by",
        "created_at",
        "updated_at",
        "submitted_at",
    ]
    inlines = [BudgetLineInline, BudgetSubmissionEventInline]
    actions = [
        _transition(Action.START_REVIEW, _("Start the review of the selected submissions")),
        _transition(Action.APPROVE, _("Approve the selected submissions")),
    ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BudgetSubmissionEvent)
class BudgetSubmissionEventAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "submission",
        "action",
        "actor",
        "from_state",
        "to_state",
        "version",
    ]
    list_select_related = ["submission__unit", "submission__cycle", "actor"]
    list_filter = ["action"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    list_display = ["submission", "year", "category", "source", "amount", "initiative", "project"]
    list_select_related = ["submission__unit", "submission__cycle", "initiative", "project"]
    list_filter = ["category", "source", "year"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
