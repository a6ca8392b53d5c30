from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import ResponseImport, Survey, SurveyEvent, Topic


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "order", "is_overall", "reference_satisfaction"]


@admin.register(Survey)
class SurveyAdmin(admin.ModelAdmin):
    """Read-only here: surveys change through the portal's pages or these actions (services)."""

    list_display = ["title", "audience", "status", "opens_on", "closes_on", "target"]
    list_filter = ["status", "audience"]
    actions = ["open_surveys", "close_surveys"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def _apply(self, request, queryset, service):
        for survey in queryset:
            try:
                service(survey=survey, actor=request.user)
            except (services.SurveyError, PermissionError) as error:
                self.message_user(request, f"{survey}: {error}", messages.ERROR)

    @admin.action(description=_("Open the selected surveys"))
    def open_surveys(self, request, queryset):
        self._apply(request, queryset, services.survey_open)

    @admin.action(description=_("Close the selected surveys"))
    def close_surveys(self, request, queryset):
        self._apply(request, queryset, services.survey_close)


@admin.register(ResponseImport)
class ResponseImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "survey", "status", "row_count", "uploaded_by", "uploaded_at"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(SurveyEvent)
class SurveyEventAdmin(admin.ModelAdmin):
    list_display = ["survey", "kind", "actor", "at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
