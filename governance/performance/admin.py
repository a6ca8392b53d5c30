from django.contrib import admin

from .. import rights
from . import services
from .models import Service, ServiceLevel


class ServiceLevelInline(admin.TabularInline):
    model = ServiceLevel
    extra = 0
    fields = readonly_fields = ("kind", "kpi", "order")
    can_delete = False
    max_num = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    """Saving goes through ``service_save`` (the right and the audit record)."""

    list_display = ["name", "code", "owner_unit", "programme", "serves_all_units", "active"]
    list_select_related = ["owner_unit", "programme"]
    list_filter = ["programme", "serves_all_units", "active"]
    search_fields = ["name", "name_zh_hans", "code"]
    filter_horizontal = ["units_served"]
    inlines = [ServiceLevelInline]

    def save_model(self, request, obj, form, change):
        services.service_save(service=obj, actor=request.user)

    def save_related(self, request, form, formsets, change):
        # units_served is set by the form's m2m save; the audit record was written above.
        super().save_related(request, form, formsets, change)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and rights.sees_everything(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and rights.sees_everything(request.user)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ServiceLevel)
class ServiceLevelAdmin(admin.ModelAdmin):
    list_display = ["service", "kind", "kpi", "order"]
    list_select_related = ["service", "kpi"]
    list_filter = ["kind", "service"]

    def get_readonly_fields(self, request, obj=None):
        return ("service",) if obj is not None else ()

    def save_model(self, request, obj, form, change):
        # ``level=obj``: changing the KPI of a service level replaces its link (it once
        # added a second level and left the old one).
        saved = services.service_level_set(
            service=obj.service,
            kpi=obj.kpi,
            kind=obj.kind,
            order=obj.order,
            actor=request.user,
            level=obj if change else None,
        )
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        services.service_level_remove(level=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for level in queryset:
            services.service_level_remove(level=level, actor=request.user)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and rights.sees_everything(request.user)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and rights.sees_everything(request.user)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and rights.sees_everything(request.user)
