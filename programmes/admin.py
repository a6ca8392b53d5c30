from django.contrib import admin

from .models import Initiative, Objective, PriorityArea, Programme


class ObjectiveInline(admin.TabularInline):
    model = Objective
    extra = 0


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]
    search_fields = ["name", "name_zh"]
    inlines = [ObjectiveInline]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "timeframe", "order"]
    list_select_related = ["programme"]
    list_filter = ["programme", "timeframe"]
    search_fields = ["name", "name_zh", "code"]


@admin.register(PriorityArea)
class PriorityAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order"]


@admin.register(Objective)
class ObjectiveAdmin(admin.ModelAdmin):
    list_display = ["text", "programme", "order"]
    list_select_related = ["programme"]
    list_filter = ["programme"]
