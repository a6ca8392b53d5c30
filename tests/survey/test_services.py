import datetime

import pytest
from django.db import models
from django.utils import timezone

from governance.models import User
from governance.rights import RightsError
from survey import services
from survey.choices import Audience, Rating, SurveyStatus
from survey.models import Answer, Comment, Participation, Response, SurveyEvent, Topic

from .factories import SurveyFactory

pytestmark = pytest.mark.django_db


def all_ratings(survey, rating=Rating.SATISFIED):
    return {t.pk: rating for t in survey.topics.all()}


def test_pmo_creates_a_draft_with_the_reference_topics_and_80_percent_target(pmo):
    today = timezone.localdate()
    survey = services.survey_create(
        actor=pmo, title="2027 survey", opens_on=today, closes_on=today, audience="staff"
    )
    assert survey.status == SurveyStatus.DRAFT
    assert survey.target == 80
    assert survey.topics.count() == Topic.objects.count() == 13
    assert SurveyEvent.objects.filter(survey=survey, kind="created", actor=pmo).exists()


@pytest.mark.parametrize("username", ["staff", "cito", "dsg", "budget.reviewer"])
def test_it_refuses_survey_management_to_anyone_but_pmo(personas, username):
    today = timezone.localdate()
    with pytest.raises(RightsError):
        services.survey_create(actor=personas[username], title="x", opens_on=today, closes_on=today)
    survey = SurveyFactory(status=SurveyStatus.DRAFT)
    with pytest.raises(RightsError):
        services.survey_open(survey=survey, actor=personas[username])


def test_pmo_opens_and_closes_a_survey_and_a_closed_one_cannot_reopen(pmo):
    survey = SurveyFactory(status=SurveyStatus.DRAFT)
    services.survey_open(survey=survey, actor=pmo)
    services.survey_close(survey=survey, actor=pmo)
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    with pytest.raises(services.SurveyError):
        services.survey_open(survey=survey, actor=pmo)
    assert list(survey.events.values_list("kind", flat=True)) == ["closed", "opened"]


def test_topics_change_only_while_draft(pmo):
    survey = SurveyFactory(status=SurveyStatus.DRAFT)
    few = list(Topic.objects.all()[:3])
    services.survey_update(survey=survey, actor=pmo, topics=few, target=75)
    survey.refresh_from_db()
    assert survey.target == 75 and survey.topics.count() == 3
    services.survey_open(survey=survey, actor=pmo)
    with pytest.raises(services.SurveyError):
        services.survey_update(survey=survey, actor=pmo, topics=list(Topic.objects.all()))


def test_an_answer_is_stored_without_any_link_to_the_person(staff):
    survey = SurveyFactory()
    overall = Topic.objects.get(code="overall")
    services.response_submit(
        survey=survey,
        actor=staff,
        ratings=all_ratings(survey),
        comments={overall.pk: "fine", None: "thanks"},
        dimensions={"gender": "female"},
    )
    assert Participation.objects.filter(survey=survey, user=staff).count() == 1
    assert not Response.objects.filter(survey=survey).exists()  # waiting in the ballot box
    services.survey_close(survey=survey, actor=User.objects.get(username="pmo"))
    response = Response.objects.get(survey=survey)
    assert response.gender == "female"
    # No field of the response, its answers or comments points at a user.
    for model in (Response, Answer, Comment):
        for field in model._meta.get_fields():
            if field.is_relation and field.related_model is not None:
                assert field.related_model._meta.label != "governance.User", (model, field)
    assert response.submitted_on == timezone.localdate()
    assert not any(isinstance(f, models.DateTimeField) for f in Response._meta.get_fields())
    assert Comment.objects.filter(response=response).count() == 2


def test_it_refuses_a_second_answer(staff):
    survey = SurveyFactory()
    services.response_submit(survey=survey, actor=staff, ratings=all_ratings(survey))
    with pytest.raises(services.SurveyError):
        services.response_submit(survey=survey, actor=staff, ratings=all_ratings(survey))
    assert survey.ballot_box.waiting == 1


@pytest.mark.parametrize("status", [SurveyStatus.CLOSED, SurveyStatus.DRAFT])
def test_a_survey_that_is_not_open_accepts_nothing(staff, status):
    survey = SurveyFactory(status=status)
    with pytest.raises(services.SurveyError):
        services.response_submit(survey=survey, actor=staff, ratings=all_ratings(survey))
    assert not Response.objects.filter(survey=survey).exists()
    assert not Participation.objects.filter(survey=survey).exists()


def test_an_open_survey_past_its_close_date_accepts_nothing(staff):
    survey = SurveyFactory(
        closes_on=timezone.localdate() - datetime.timedelta(days=1),
        opens_on=timezone.localdate() - datetime.timedelta(days=9),
    )
    with pytest.raises(services.SurveyError):
        services.response_submit(survey=survey, actor=staff, ratings=all_ratings(survey))


def test_mission_surveys_are_answered_by_member_state_delegates_only(staff, ms_delegate):
    survey = SurveyFactory(audience=Audience.MISSIONS)
    with pytest.raises(RightsError):
        services.response_submit(survey=survey, actor=staff, ratings=all_ratings(survey))
    services.response_submit(survey=survey, actor=ms_delegate, ratings=all_ratings(survey))


def test_every_topic_must_be_rated(staff):
    survey = SurveyFactory()
    ratings = all_ratings(survey)
    ratings.popitem()
    with pytest.raises(services.SurveyError):
        services.response_submit(survey=survey, actor=staff, ratings=ratings)
    assert not Participation.objects.exists()
