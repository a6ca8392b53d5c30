from django.contrib import admin

from .models import QuarterlyReport, ReportRun


@admin.register(QuarterlyReport)
class QuarterlyReportAdmin(admin.ModelAdmin):
    """Read-only: reports are written by the report runs only."""

    list_display = ["quarter", "is_current", "generated_at"]
    list_filter = ["is_current"]
    fields = ["quarter", "period_start", "period_end", "is_current", "generated_at", "figures"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).defer("workbook", "csv_archive")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ReportRun)
class ReportRunAdmin(admin.ModelAdmin):
    """Read-only: runs change state only through ``services``."""

    list_display = ["quarter", "state", "regenerate", "requested_by", "queued_at", "attempts"]
    list_filter = ["state"]
    readonly_fields = [
        "quarter",
        "regenerate",
        "state",
        "step",
        "requested_by",
        "queued_at",
        "started_at",
        "finished_at",
        "attempts",
        "error",
        "task_id",
        "report",
    ]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
