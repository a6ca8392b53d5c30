"""Reads of the survey app, restricted to what the user may see (others' drafts are 404)."""

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Q, Subquery, When
from django.db.models.functions import Coalesce
from django.http import Http404

from . import permissions
from .choices import SurveyStatus
from .models import Comment, Participation, Response, ResponseImport, Survey
from .results import summarise


def visible_surveys(user):
    surveys = Survey.objects.all()
    if not permissions.can_manage_surveys(user):
        surveys = surveys.exclude(status=SurveyStatus.DRAFT)
    return surveys


def _count(queryset):
    return Coalesce(
        Subquery(
            queryset.filter(survey=OuterRef("pk"))
            .order_by()
            .values("survey")
            .annotate(n=Count("pk"))
            .values("n")
        ),
        0,
    )


def survey_list(user):
    """Surveys with their number of answers and whether ``user`` has answered, in one query.

    ``response_count`` counts the responses of a closed survey; while a survey is open, the
    people who answered plus the imported responses, rounded down to a multiple of
    ``permissions.COUNT_STEP`` (its answers wait in the ballot box; see ANONYMITY.md).
    """
    step = permissions.COUNT_STEP
    answered_or_imported = _count(Participation.objects.all()) + _count(
        Response.objects.filter(source_import__isnull=False)
    )
    return visible_surveys(user).annotate(
        response_count=Case(
            When(status=SurveyStatus.CLOSED, then=_count(Response.objects.all())),
            default=answered_or_imported / step * step,
            output_field=IntegerField(),
        ),
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
    # Cached on the request's user: the menu and the dashboard both ask.
    cached = getattr(user, "_surveys_awaiting", None)
    if cached is None:
        # Not ``survey_list``: every page's menu asks this, and it needs no count of answers.
        open_surveys = (
            visible_surveys(user)
            .filter(status=SurveyStatus.OPEN)
            .exclude(Exists(Participation.objects.filter(survey=OuterRef("pk"), user=user)))
            if getattr(user, "is_authenticated", False)
            else Survey.objects.none()
        )
        cached = [
            survey
            for survey in open_surveys
            if survey.is_accepting() and permissions.is_in_audience(user, survey)
        ]
        if getattr(user, "is_authenticated", False):
            user._surveys_awaiting = cached
    return list(cached)


def comparable_surveys(user, survey):
    """Surveys that opened before ``survey`` and whose results ``user`` may see."""
    return [
        other
        for other in visible_surveys(user).filter(opens_on__lt=survey.opens_on)
        if permissions.can_see_topic_results(user, other)
    ]


def comments(survey, *, search="", topic=None, overall=False):
    """Comments of a survey in a random order (``Comment.position``); shown without any
    respondent dimension."""
    found = Comment.objects.filter(response__survey=survey).select_related("topic")
    if search:
        found = found.filter(text__icontains=search)
    if overall:
        found = found.filter(topic__isnull=True)
    elif topic is not None:
        found = found.filter(topic=topic)
    return found.order_by("position", "pk")


def imports(survey):
    return (
        ResponseImport.objects.filter(survey=survey).select_related("uploaded_by").defer("content")
    )


def comment_count(survey):
    return Comment.objects.filter(response__survey=survey).aggregate(
        n=Count("pk"), topics=Count("topic", distinct=True, filter=Q(topic__isnull=False))
    )


def satisfaction_as_of(as_of):
    """The quarterly report's survey section: the last survey closed by ``as_of`` (a date)
    and its satisfaction against the target, groups under the threshold suppressed."""
    survey = (
        # Only a closed survey has results (an open one's answers wait in its ballot box).
        Survey.objects.filter(closes_on__lte=as_of, status=SurveyStatus.CLOSED)
        .order_by("-closes_on", "-pk")
        .first()
    )
    if survey is None:
        return None
    summary = summarise(survey)
    overall = summary.overall
    return {
        "survey": survey.title,
        "closes_on": survey.closes_on.isoformat(),
        "respondents": summary.respondents,
        "target": survey.target,
        "overall": overall.rate if overall else None,
        "gap": overall.gap if overall else None,
        "meets_target": overall.meets_target if overall else None,
        "topics": [
            {
                "topic": t.topic.code,
                "name": t.topic.name,
                "rate": t.rate,
                "gap": t.gap,
                "meets_target": t.meets_target,
            }
            for t in summary.topics
        ],
    }
