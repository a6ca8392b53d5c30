"""The KPI source the survey offers: the share of satisfied respondents (registered in
``survey.apps``), with the same counting and small-group suppression as the results pages."""

from django.db.models import Count, Q

from .choices import Rating, SurveyStatus
from .models import Answer, Survey
from .results import min_group_size, rate


def survey_in(start, end):
    """The latest survey (past its draft) that closed within the period."""
    return (
        Survey.objects.filter(closes_on__gte=start, closes_on__lte=end)
        .exclude(status=SurveyStatus.DRAFT)
        .order_by("-closes_on", "-pk")
        .first()
    )


def satisfaction(*, start, end, owner=None, topic=None):
    """Percent of respondents satisfied or very satisfied with ``topic`` (a topic's code;
    default: overall ICT effectiveness) in the survey that closed in the period; for an ICT
    unit's KPI (``owner`` is the unit's code), among the unit's respondents.

    ``None`` when no survey closed in the period, for a programme's KPI (respondents are not
    asked about programmes), or when fewer than ``SURVEY_MIN_GROUP_SIZE`` rated it
    (suppressed, as on the results pages).
    """
    if owner is not None and not isinstance(owner, str):
        return None
    survey = survey_in(start, end)
    if survey is None:
        return None
    answers = Answer.objects.filter(survey=survey)
    answers = answers.filter(topic__code=topic) if topic else answers.filter(topic__is_overall=True)
    if owner is not None:
        answers = answers.filter(response__organisation_unit__code=owner)
    counts = answers.aggregate(
        rated=Count("pk", filter=~Q(rating=Rating.NOT_APPLICABLE)),
        satisfied=Count("pk", filter=Q(rating__in=[Rating.VERY_SATISFIED, Rating.SATISFIED])),
    )
    if counts["rated"] < min_group_size():
        return None
    return rate(counts["satisfied"], counts["rated"])
