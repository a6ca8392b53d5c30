from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import StaffingSnapshot


@admin.register(StaffingSnapshot)
class StaffingSnapshotAdmin(admin.ModelAdmin):
    list_display = [
        "unit", "as_of", "d", "p", "fs", "gs", "international", "local", "unv", "icc",
        "contractors", "total",
    ]
    list_select_related = ["unit"]
    list_filter = ["as_of", "unit"]
    date_hierarchy = "as_of"

    @admin.display(description=_("international"))
    def international(self, obj):
        return obj.international

    @admin.display(description=_("total"))
    def total(self, obj):
        return obj.total
