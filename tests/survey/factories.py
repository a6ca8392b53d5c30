import datetime
import random
import uuid

import factory
from django.utils import timezone

from governance.models import OrganisationUnit
from survey.choices import (
    Audience,
    DutyStation,
    Gender,
    StaffCategory,
    SurveyStatus,
    YearsOfService,
)
from survey.models import Answer, Comment, Response, Survey, Topic


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Survey {n}")
    audience = Audience.STAFF
    status = SurveyStatus.OPEN
    opens_on = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=1))
    closes_on = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=30))

    @factory.post_generation
    def topics(self, create, extracted, **kwargs):
        if create:
            self.topics.set(extracted if extracted is not None else Topic.objects.all())


def make_responses(survey, count, *, seed=1, topics=None, small_groups=None, units=None):
    """Bulk-create ``count`` random responses; ``small_groups`` forces e.g.
    ``{"duty_station": ("santiago", 3)}``: that many respondents get that value, nobody else."""
    rng = random.Random(seed)
    topics = list(topics if topics is not None else survey.topics.all())
    units = list(
        units
        if units is not None
        else OrganisationUnit.objects.filter(code__in=["dm", "dfs", "unog", "unon"])
    )
    small_groups = small_groups or {}
    stations = [v for v in DutyStation.values if v != small_groups.get("duty_station", (None,))[0]][
        :4
    ]
    responses, answers, comments = [], [], []
    for _i in range(count):
        response = Response(
            id=uuid.uuid4(),
            survey=survey,
            duty_station=rng.choice(stations + [""]),
            staff_category=rng.choice(StaffCategory.values),
            years_of_service=rng.choice(YearsOfService.values),
            gender=rng.choice([Gender.FEMALE, Gender.MALE]),
            organisation_unit=rng.choice(units),
        )
        responses.append(response)
        for topic in topics:
            answers.append(
                Answer(
                    response=response,
                    survey_id=response.survey_id,
                    topic=topic,
                    rating=rng.choice([0, 1, 2, 3, 4, 4, 5, 5]),
                )
            )
        if rng.random() < 0.3:
            comments.append(
                Comment(
                    response=response,
                    topic=rng.choice(topics + [None]),
                    text=f"comment {rng.randint(1, 10**6)}",
                )
            )
    for field, (value, n) in small_groups.items():
        for response in responses[:n]:
            setattr(response, field, value)
    Response.objects.bulk_create(responses, batch_size=2000)
    Answer.objects.bulk_create(answers, batch_size=5000)
    Comment.objects.bulk_create(comments, batch_size=2000)
    return responses
