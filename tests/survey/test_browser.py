"""Acceptance 1: `staff` answers the open survey in a browser (on a phone-sized screen),
cannot answer twice, and the stored response holds no reference to the person."""

import pytest
from django.urls import reverse

from survey import services
from survey.models import Answer, Comment, Participation, Response
from tests.testing.browser import log_in

from .factories import SurveyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_answers_the_open_survey_once_on_a_phone(phone_page, live_server, personas):
    page = phone_page
    survey = SurveyFactory(title="ICT survey 2027")
    topics = list(survey.topics.all())
    log_in(page, live_server, "staff")
    page.goto(live_server.url + reverse("survey:detail", args=[survey.pk]))
    page.get_by_role("link", name="Answer the survey").click()

    # Sending an empty form shows the error summary, linking to each question.
    page.get_by_role("button", name="Send my answers").click()
    summary = page.get_by_role("alert")
    assert "There is a problem" in summary.inner_text()
    assert summary.get_by_role("link").count() == len(topics)

    for i, topic in enumerate(topics):
        question = page.get_by_role("group", name=topic.name)
        choice = "Not applicable" if i == 3 else "Satisfied"
        question.get_by_label(choice, exact=True).check()
    page.get_by_role("group", name=topics[0].name).get_by_text("Add a comment").click()
    page.get_by_label(f"Comment on “{topics[0].name}” (optional)").fill("Printers jam")
    page.get_by_label("Gender").select_option(label="Female")
    page.get_by_role("button", name="Send my answers").click()
    page.wait_for_url(f"**{reverse('survey:thanks', args=[survey.pk])}")
    assert "recorded anonymously" in page.content()

    # A second visit cannot answer again.
    page.goto(live_server.url + reverse("survey:respond", args=[survey.pk]))
    assert "already answered" in page.content()
    assert page.get_by_role("button", name="Send my answers").count() == 0

    staff = personas["staff"]
    assert Participation.objects.filter(survey=survey, user=staff).count() == 1
    # The answers wait, anonymous, in the ballot box until the survey closes.
    assert not Response.objects.filter(survey=survey).exists()
    services.survey_close(survey=survey, actor=personas["pmo"])
    response = Response.objects.get(survey=survey)
    assert response.gender == "female"
    assert Answer.objects.filter(response=response).count() == len(topics)
    assert Answer.objects.filter(response=response, rating=0).count() == 1
    assert Comment.objects.get(response=response).text == "Printers jam"
    # Nothing in the stored response names or points at the person.
    stored = {f.attname: getattr(response, f.attname) for f in Response._meta.concrete_fields}
    assert staff.pk not in {v for v in stored.values() if isinstance(v, int)}
    assert not any(
        f.is_relation and f.related_model is type(staff) for f in Response._meta.get_fields()
    )
    assert staff.username not in str(list(stored.values()))
