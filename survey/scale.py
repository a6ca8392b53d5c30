"""Scale data (``generate_scale_data``): a closed survey with ``FULL['survey_responses']``
responses (one answer per topic each: 1.3 million answers at full size), compared with the
earliest survey when there is one. Responses and answers go in by COPY on PostgreSQL."""

import datetime
import uuid

from core import clock
from governance.models import OrganisationUnit

from .choices import Audience, DutyStation, Gender, StaffCategory, SurveyStatus, YearsOfService
from .models import Answer, Response, Survey, Topic

TITLE = "ICT user satisfaction survey (scale benchmark)"
#: Weights of the ratings 0 (not applicable) to 5.
RATING_WEIGHTS = [5, 4, 6, 15, 40, 30]


def generate(ctx):
    rng = ctx.rng
    topics = list(Topic.objects.order_by("order"))
    today = clock.today()
    survey = Survey.objects.create(
        title=TITLE,
        introduction="Generated for the scale benchmark.",
        audience=Audience.STAFF,
        status=SurveyStatus.CLOSED,
        opens_on=today - datetime.timedelta(days=120),
        closes_on=today - datetime.timedelta(days=60),
        target=80,
        compare_with=Survey.objects.order_by("opens_on", "pk").first(),
    )
    survey.topics.set(topics)
    units = list(OrganisationUnit.objects.values_list("pk", flat=True))
    count = ctx.size("survey_responses", minimum=100)
    ids = [uuid.UUID(int=rng.getrandbits(128), version=4) for _ in range(count)]
    stations, categories = DutyStation.values, StaffCategory.values
    years, genders = YearsOfService.values, Gender.values
    ctx.copy(
        Response,
        [
            "id",
            "survey",
            "submitted_on",
            "duty_station",
            "staff_category",
            "years_of_service",
            "gender",
            "organisation_unit",
        ],
        (
            (
                pk,
                survey.pk,
                survey.opens_on + datetime.timedelta(days=rng.randrange(60)),
                rng.choice(stations),
                rng.choice(categories),
                rng.choice(years),
                rng.choice(genders),
                rng.choice(units),
            )
            for pk in ids
        ),
    )
    ratings = list(range(6))
    ctx.copy(
        Answer,
        ["response", "survey", "topic", "rating"],
        (
            (pk, survey.pk, topic.pk, rating)
            for pk in ids
            for topic, rating in zip(
                topics, rng.choices(ratings, RATING_WEIGHTS, k=len(topics)), strict=True
            )
        ),
    )
    ctx.say(f"  survey: {count} responses, {count * len(topics)} answers")
