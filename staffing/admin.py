from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import StaffingEvent, StaffingPlan, StaffingSnapshot


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
