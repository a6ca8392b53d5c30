from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from governance.admin import ReadOnlyModelAdmin

from . import services
from .choices import SurveyStatus
from .models import (
    Answer,
    BallotBox,
    Comment,
    Participation,
    Response,
    ResponseImport,
    Survey,
    SurveyEvent,
    Topic,
)


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


# Answers are anonymous and written only by the answer form and the import: the admin shows them
# and changes nothing. Participations say who answered, never what.
@admin.register(Participation)
class ParticipationAdmin(ReadOnlyModelAdmin):
    list_display = ["survey", "user"]
    list_select_related = ["survey", "user"]
    list_filter = ["survey"]


class ClosedSurveysOnly:
    """The answers of an open survey are shown nowhere, here neither (ANONYMITY.md)."""

    survey_path = "survey"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .filter(**{f"{self.survey_path}__status": SurveyStatus.CLOSED})
        )


@admin.register(Response)
class ResponseAdmin(ClosedSurveysOnly, ReadOnlyModelAdmin):
    list_display = ["pk", "survey", "duty_station", "staff_category", "submitted_on"]
    list_select_related = ["survey"]
    list_filter = ["survey"]


@admin.register(Answer)
class AnswerAdmin(ClosedSurveysOnly, ReadOnlyModelAdmin):
    survey_path = "response__survey"
    list_display = ["response", "topic", "rating"]
    list_select_related = ["topic"]
    list_filter = ["topic"]


@admin.register(Comment)
class CommentAdmin(ClosedSurveysOnly, ReadOnlyModelAdmin):
    survey_path = "response__survey"
    list_display = ["response", "topic", "text"]
    list_select_related = ["topic"]
    list_filter = ["topic"]
    search_fields = ["text"]


@admin.register(BallotBox)
class BallotBoxAdmin(ReadOnlyModelAdmin):
    """How many answers wait to be written; never what they say."""

    list_display = ["survey", "waiting"]
    list_select_related = ["survey"]
    fields = ["survey", "waiting"]
    readonly_fields = ["survey", "waiting"]
