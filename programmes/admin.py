from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from . import services
from .models import (
    Initiative,
    Kpi,
    Measurement,
    Objective,
    PlanEvidence,
    PlanItem,
    PriorityArea,
    Programme,
)


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "name_zh_hans"]
    inlines = [ObjectiveInline]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "timeframe", "order", "priority_rank"]
    list_select_related = ["programme"]
    list_filter = ["programme", "timeframe"]
    search_fields = ["name", "name_zh_hans", "code", "description"]
    # Set only by the Executive Committee's "prioritised" decision.
    readonly_fields = ["priority_rank", "priority_decision_id"]


@admin.register(PriorityArea)
class PriorityAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["text", "programme", "order"]
    list_select_related = ["programme"]
    list_filter = ["programme"]


# --------------------------------------------------------------------------- performance
# KPIs, their values and the plan's status change through ``programmes.services`` only (with
# their rules and audit records): the pages and the API do it; the admin reads, and its
# actions call the same services.
class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.action(description=_("Compute the last ended period of the selected computed KPIs"))
def compute_last_period(modeladmin, request, queryset):
    done = 0
    for kpi in queryset:
        try:
            if services.measurement_compute(kpi=kpi, actor=request.user) is not None:
                done += 1
        except (ValidationError, PermissionError) as error:
            messages.error(request, f"{kpi}: {' '.join(getattr(error, 'messages', [str(error)]))}")
    messages.info(request, _("%(n)s value(s) computed.") % {"n": done})


@admin.register(Kpi)
class KpiAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "owner_kind", "programme", "owner_unit", "frequency", "source"]
    list_select_related = ["programme"]
    list_filter = ["owner_kind", "frequency", "source", "active"]
    search_fields = ["name", "name_zh", "code", "indicator"]
    actions = [compute_last_period]


@admin.register(Measurement)
class MeasurementAdmin(ReadOnlyAdmin):
    list_display = ["kpi", "period_start", "value", "target", "standing", "origin", "recorded_at"]
    list_select_related = ["kpi"]
    list_filter = ["standing", "origin", "kpi__owner_kind"]
    search_fields = ["kpi__code", "kpi__name"]
    date_hierarchy = "period_start"


class PlanEvidenceInline(admin.TabularInline):
    model = PlanEvidence
    extra = 0
    fields = readonly_fields = ("title", "url", "note", "added_by", "added_at")
    can_delete = False
    max_num = 0


@admin.register(PlanItem)
class PlanItemAdmin(ReadOnlyAdmin):
    list_display = ["activity", "source", "phase", "due", "status", "completed_on"]
    list_filter = ["phase", "status"]
    search_fields = ["activity", "activity_zh", "code"]
    inlines = [PlanEvidenceInline]


@admin.register(PlanEvidence)
class PlanEvidenceAdmin(ReadOnlyAdmin):
    list_display = ["title", "item", "url", "added_by", "added_at"]
    list_select_related = ["item", "added_by"]
