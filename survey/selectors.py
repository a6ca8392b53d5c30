"""Reads of the survey app, restricted to what the user may see (others' drafts are 404)."""

from django.db.models import Count, Exists, OuterRef, Q
from django.http import Http404

from . import permissions
from .choices import SurveyStatus
from .models import Comment, Participation, ResponseImport, Survey


def visible_surveys(user):
    surveys = Survey.objects.all()
    if not permissions.can_manage_surveys(user):
        surveys = surveys.exclude(status=SurveyStatus.DRAFT)
    return surveys


def survey_list(user):
    """Surveys with their response count and whether ``user`` has answered, in one query."""
    return visible_surveys(user).annotate(
        response_count=Count("responses", distinct=True),
        answered=Exists(Participation.objects.filter(survey=OuterRef("pk"), user=user)),
    )


def get_survey(user, pk):
    survey = visible_surveys(user).filter(pk=pk).first()
    if survey is None:
        raise Http404("No such survey.")
    return survey


def has_answered(user, survey):
    return Participation.objects.filter(survey=survey, user=user).exists()


def surveys_awaiting_answer(user):
    """Open surveys addressed to ``user`` that ``user`` has not answered."""
    return [
        survey
        for survey in survey_list(user).filter(status=SurveyStatus.OPEN, answered=False)
        if survey.is_accepting() and permissions.is_in_audience(user, survey)
    ]


def comparable_surveys(user, survey):
    """Surveys that opened before ``survey`` and whose results ``user`` may see."""
    return [
        other
        for other in visible_surveys(user).filter(opens_on__lt=survey.opens_on)
        if permissions.can_see_topic_results(user, other)
    ]


def comments(survey, *, search="", topic=None, overall=False):
    """Comments of a survey, newest import last; shown without any respondent dimension."""
    found = Comment.objects.filter(response__survey=survey).select_related("topic")
    if search:
        found = found.filter(text__icontains=search)
    if overall:
        found = found.filter(topic__isnull=True)
    elif topic is not None:
        found = found.filter(topic=topic)
    return found.order_by("pk")


def imports(survey):
    return (
        ResponseImport.objects.filter(survey=survey).select_related("uploaded_by").defer("content")
    )


def comment_count(survey):
    return Comment.objects.filter(response__survey=survey).aggregate(
        n=Count("pk"), topics=Count("topic", distinct=True, filter=Q(topic__isnull=False))
    )
