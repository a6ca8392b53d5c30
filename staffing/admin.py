from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from governance.admin import ServiceRefusalsMixin
from governance.rights import RightsError

from . import services
from .models import StaffingEvent, StaffingPlan, StaffingRound, StaffingSnapshot


class _DerivedTotals:
    @admin.display(description=_("international"))
    def international(self, obj):
        return obj.international

    @admin.display(description=_("total"))
    def total(self, obj):
        return obj.total


@admin.register(StaffingSnapshot)
class StaffingSnapshotAdmin(_DerivedTotals, admin.ModelAdmin):
    """Figures are reported through the staffing services (form, import); here they are read."""

    list_display = [
        "unit",
        "as_of",
        "d",
        "p",
        "fs",
        "gs",
        "international",
        "local",
        "unv",
        "icc",
        "contractors",
        "total",
    ]
    list_select_related = ["unit"]
    list_filter = ["as_of", "unit"]
    date_hierarchy = "as_of"
    readonly_fields = ["submitted_by", "created_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(StaffingPlan)
class StaffingPlanAdmin(_DerivedTotals, admin.ModelAdmin):
    list_display = [
        "unit",
        "year",
        "d",
        "p",
        "fs",
        "gs",
        "international",
        "local",
        "unv",
        "icc",
        "contractors",
        "total",
    ]
    list_select_related = ["unit"]
    list_filter = ["year", "unit"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(StaffingEvent)
class StaffingEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "unit", "action", "actor"]
    list_select_related = ["unit", "actor"]
    list_filter = ["action", "unit"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(StaffingRound)
class StaffingRoundAdmin(ServiceRefusalsMixin, admin.ModelAdmin):
    """Rounds open and close through the services (audit entry, chiefs told)."""

    list_display = ["as_of", "due_on", "opened_by", "opened_at", "closed_at"]
    actions = ["close_rounds"]

    def get_readonly_fields(self, request, obj=None):
        fields = ["opened_by", "opened_at", "closed_at"]
        return fields + ["as_of", "due_on"] if obj else fields

    def save_model(self, request, obj, form, change):
        if change:
            return
        created = services.round_open(
            as_of=form.cleaned_data["as_of"], due_on=form.cleaned_data["due_on"], actor=request.user
        )
        obj.pk = created.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Close the selected rounds"))
    def close_rounds(self, request, queryset):
        for staffing_round in queryset:
            try:
                services.round_close(staffing_round=staffing_round, actor=request.user)
            except (services.StaffingError, RightsError) as error:
                self.message_user(request, f"{staffing_round}: {error}", messages.ERROR)
