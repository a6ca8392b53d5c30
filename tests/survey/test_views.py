"""Every survey page for every persona, and the pages' wiring."""

import pytest
from django.urls import reverse

from survey.choices import Audience, SurveyStatus
from survey.models import BallotBox, Participation, Response, ResponseImport
from tests.testing.views import PersonaAccessMixin

from .factories import SurveyFactory, make_responses

pytestmark = pytest.mark.django_db

EVERYONE_ON_STAFF = {
    "dsg",
    "usg.management",
    "cito",
    "km.chair",
    "km.member",
    "rm.chair",
    "rm.member",
    "im.chair",
    "im.member",
    "advisor",
    "pmo",
    "budget.reviewer",
    "portal.admin",
    "chief.geneva",
    "chief.nairobi",
    "proponent",
    "staff",
}  # everyone with an organisation unit: not ms.delegate nor api.reader
RESULTS_READERS = {
    "dsg",
    "usg.management",
    "cito",
    "km.chair",
    "km.member",
    "rm.chair",
    "rm.member",
    "im.chair",
    "im.member",
    "pmo",
    "budget.reviewer",
    "chief.geneva",
    "chief.nairobi",
}  # decision-body members, PMO, CITO, budget reviewers, local ICT chiefs
#: Nobody reads the results of an open survey (ANONYMITY.md), the PMO and the CITO neither.
IN_PROGRESS_READERS = set()


def closed_survey():
    survey = SurveyFactory(status=SurveyStatus.CLOSED)
    make_responses(survey, 20)
    return survey


class TestSurveyList(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        SurveyFactory(status=SurveyStatus.DRAFT)
        return reverse("survey:list")


class TestCreatePage(PersonaAccessMixin):
    allowed = {"pmo"}

    def get_url(self, personas):
        return reverse("survey:create")


class TestOpenSurveyPage(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("survey:detail", args=[SurveyFactory().pk])


class TestDraftIsHiddenFromAllButPmo(PersonaAccessMixin):
    allowed = {"pmo"}
    hidden = PersonaAccessMixin.ALL

    def expected_status(self, username):
        return 200 if username == "pmo" else 404

    def get_url(self, personas):
        return reverse("survey:detail", args=[SurveyFactory(status=SurveyStatus.DRAFT).pk])


class TestEditDraft(TestDraftIsHiddenFromAllButPmo):
    def get_url(self, personas):
        return reverse("survey:edit", args=[SurveyFactory(status=SurveyStatus.DRAFT).pk])


class TestEditOpenSurvey(PersonaAccessMixin):
    allowed = {"pmo"}

    def get_url(self, personas):
        return reverse("survey:edit", args=[SurveyFactory().pk])


class TestOpenADraft(TestDraftIsHiddenFromAllButPmo):
    method = "post"

    def expected_status(self, username):
        return 302 if username == "pmo" else 404

    def get_url(self, personas):
        return reverse("survey:open", args=[SurveyFactory(status=SurveyStatus.DRAFT).pk])


class TestCloseASurvey(PersonaAccessMixin):
    allowed = {"pmo"}
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        return reverse("survey:close", args=[SurveyFactory().pk])

    def get_data(self, personas):
        return {"confirmed": "1"}


class TestAnswerPage(PersonaAccessMixin):
    allowed = EVERYONE_ON_STAFF

    def get_url(self, personas):
        return reverse("survey:respond", args=[SurveyFactory().pk])


class TestAnswerPageOfMissionSurvey(PersonaAccessMixin):
    allowed = {"ms.delegate"}

    def get_url(self, personas):
        return reverse("survey:respond", args=[SurveyFactory(audience=Audience.MISSIONS).pk])


class TestThanksPageSendsNonRespondentsToTheForm(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL
    allowed_status = 302

    def get_url(self, personas):
        return reverse("survey:thanks", args=[SurveyFactory().pk])


class TestResultsOfClosedSurvey(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("survey:results", args=[closed_survey().pk])


class TestResultsOfOpenSurvey(PersonaAccessMixin):
    allowed = IN_PROGRESS_READERS

    def get_url(self, personas):
        return reverse("survey:results", args=[SurveyFactory().pk])


class TestBreakdownOfClosedSurvey(PersonaAccessMixin):
    allowed = RESULTS_READERS

    def get_url(self, personas):
        return reverse("survey:breakdown", args=[closed_survey().pk, "organisation_unit"])


class TestBreakdownOfOpenSurvey(PersonaAccessMixin):
    allowed = IN_PROGRESS_READERS

    def get_url(self, personas):
        return reverse("survey:breakdown", args=[SurveyFactory().pk, "gender"])


class TestComments(PersonaAccessMixin):
    allowed = RESULTS_READERS

    def get_url(self, personas):
        return reverse("survey:comments", args=[closed_survey().pk])


class TestCsvExport(PersonaAccessMixin):
    allowed = RESULTS_READERS

    def get_url(self, personas):
        return reverse("survey:export_csv", args=[closed_survey().pk])


class TestXlsxExport(PersonaAccessMixin):
    allowed = RESULTS_READERS

    def get_url(self, personas):
        return reverse("survey:export_xlsx", args=[closed_survey().pk])


class TestImportPage(PersonaAccessMixin):
    allowed = {"pmo"}

    def get_url(self, personas):
        return reverse("survey:import", args=[closed_survey().pk])


class TestImportTemplate(PersonaAccessMixin):
    allowed = {"pmo"}

    def get_url(self, personas):
        return reverse("survey:import_template", args=[closed_survey().pk])


class TestImportConfirm(PersonaAccessMixin):
    allowed = {"pmo"}
    allowed_status = 302
    method = "post"

    def get_url(self, personas):
        survey = closed_survey()
        checked = ResponseImport.objects.create(
            survey=survey, file_name="x.csv", content="", status="previewed"
        )
        return reverse("survey:import_confirm", args=[survey.pk, checked.pk])


# Wiring


def answer_data(survey, rating="4"):
    data = {f"topic-{t.code}": rating for t in survey.topics.all()}
    data["comment"] = "More training please"
    data["gender"] = "male"
    return data


def test_staff_answers_once_and_sees_it_is_done(client, staff):
    survey = SurveyFactory()
    client.force_login(staff)
    response = client.post(reverse("survey:respond", args=[survey.pk]), answer_data(survey))
    assert response.status_code == 302
    assert response["Location"] == reverse("survey:thanks", args=[survey.pk])
    assert Participation.objects.filter(survey=survey).count() == 1
    assert BallotBox.objects.get(survey=survey).waiting == 1
    again = client.post(
        reverse("survey:respond", args=[survey.pk]), answer_data(survey), follow=True
    )
    assert "already answered" in again.content.decode()
    assert BallotBox.objects.get(survey=survey).waiting == 1


def test_a_missing_rating_is_listed_in_the_error_summary_and_nothing_is_saved(client, staff):
    survey = SurveyFactory()
    client.force_login(staff)
    data = answer_data(survey)
    del data["topic-training"]
    response = client.post(reverse("survey:respond", args=[survey.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="error-summary"' in page
    assert 'href="#id_topic-training_0"' in page
    assert not Participation.objects.exists()


def test_a_closed_survey_page_says_it_is_closed(client, staff):
    survey = SurveyFactory(status=SurveyStatus.CLOSED)
    client.force_login(staff)
    page = client.get(reverse("survey:respond", args=[survey.pk])).content.decode()
    assert "closed" in page and '<form method="post" novalidate>' not in page
    client.post(reverse("survey:respond", args=[survey.pk]), answer_data(survey))
    assert not Response.objects.filter(survey=survey).exists()


def test_the_answer_form_has_a_fieldset_and_legend_per_topic(client, staff):
    survey = SurveyFactory()
    client.force_login(staff)
    page = client.get(reverse("survey:respond", args=[survey.pk])).content.decode()
    assert page.count('<fieldset class="question') == 13
    assert page.count("<legend>") >= 13
    assert "Not applicable" in page


def test_results_page_states_the_definition_and_draws_the_target(client, pmo):
    survey = closed_survey()
    client.force_login(pmo)
    page = client.get(reverse("survey:results", args=[survey.pk])).content.decode()
    assert "not applicable" in page.lower() and "satisfied or very satisfied" in page
    assert 'class="target"' in page and "<svg" in page and "target 80%" in page


def test_comments_are_searched_and_filtered_by_topic(client, pmo):
    survey = closed_survey()
    from survey.models import Comment, Topic

    response = Response.objects.filter(survey=survey).first()
    training = Topic.objects.get(code="training")
    Comment.objects.create(response=response, topic=training, text="Need French training")
    Comment.objects.create(response=response, topic=None, text="French keyboards please")
    client.force_login(pmo)
    url = reverse("survey:comments", args=[survey.pk])
    page = client.get(url, {"q": "french", "topic": "training"}).content.decode()
    assert "Need French training" in page and "French keyboards" not in page
    page = client.get(url, {"q": "french"}).content.decode()
    assert "Need French training" in page and "French keyboards" in page


def test_pmo_creates_a_survey_through_the_form(client, pmo):
    from survey.models import Survey, Topic

    client.force_login(pmo)
    response = client.post(
        reverse("survey:create"),
        {
            "title": "Missions survey",
            "audience": "missions",
            "opens_on": "2027-01-01",
            "closes_on": "2027-02-01",
            "target": "80",
            "topics": [t.pk for t in Topic.objects.all()[:4]],
        },
    )
    assert response.status_code == 302
    survey = Survey.objects.get(title="Missions survey")
    assert survey.topics.count() == 4 and survey.status == "draft"


def test_pmo_uploads_a_csv_sees_the_report_then_imports(client, pmo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from survey.models import Topic

    survey = SurveyFactory(status=SurveyStatus.CLOSED, topics=Topic.objects.filter(code="email"))
    client.force_login(pmo)
    content = (
        b"duty_station,staff_category,years_of_service,gender,organisation_unit,email\n"
        b"geneva,professional,2-10,female,unog,5\n"
        b"geneva,professional,2-10,female,unog,9\n"
    )
    page = client.post(
        reverse("survey:import", args=[survey.pk]), {"file": SimpleUploadedFile("r.csv", content)}
    ).content.decode()
    assert "Nothing was imported" in page and "out of range" in page
    good = content.replace(b",9\n", b",4\n")
    client.post(
        reverse("survey:import", args=[survey.pk]), {"file": SimpleUploadedFile("r.csv", good)}
    )
    checked = ResponseImport.objects.get(status="previewed")
    assert not Response.objects.filter(survey=survey).exists()
    client.post(reverse("survey:import_confirm", args=[survey.pk, checked.pk]))
    assert Response.objects.filter(survey=survey).count() == 2


def test_results_compare_with_an_earlier_survey_only(client, pmo):
    import datetime

    survey = closed_survey()
    earlier = SurveyFactory(
        status=SurveyStatus.CLOSED,
        title="Survey of 2020",
        opens_on=datetime.date(2020, 1, 6),
        closes_on=datetime.date(2020, 2, 6),
    )
    make_responses(earlier, 30)
    later = SurveyFactory(title="A later survey")
    client.force_login(pmo)
    url = reverse("survey:results", args=[survey.pk])
    page = client.get(url, {"compare": earlier.pk}).content.decode()
    assert "Survey of 2020 (%)" in page and "Change (points)" in page
    assert "A later survey" not in page
    assert client.get(url, {"compare": later.pk}).status_code == 404


def test_the_import_template_imports_cleanly(client, pmo):
    from survey import services

    survey = SurveyFactory(status=SurveyStatus.CLOSED)
    client.force_login(pmo)
    template = client.get(reverse("survey:import_template", args=[survey.pk])).content.decode()
    _checked, result = services.response_import_check(
        survey=survey, actor=pmo, file_name="t.csv", content=template
    )
    assert result.is_valid and result.row_count == 1


def test_pmo_edits_an_open_survey_but_not_its_topics(client, pmo):
    survey = SurveyFactory(title="Old title")
    client.force_login(pmo)
    response = client.post(
        reverse("survey:edit", args=[survey.pk]),
        {
            "title": "New title",
            "audience": "staff",
            "opens_on": survey.opens_on.isoformat(),
            "closes_on": survey.closes_on.isoformat(),
            "target": "75",
        },
    )
    assert response.status_code == 302
    survey.refresh_from_db()
    assert (survey.title, survey.target, survey.topics.count()) == ("New title", 75, 13)
    assert survey.events.filter(kind="edited", actor=pmo).exists()


def test_staff_home_page_links_to_the_open_survey(client, staff):
    survey = SurveyFactory(title="Tell us about ICT")
    client.force_login(staff)
    page = client.get(reverse("home")).content.decode()
    assert "Answer the survey: Tell us about ICT" in page
    assert reverse("survey:respond", args=[survey.pk]) in page


def test_the_pmo_opens_and_closes_a_survey_from_the_administration_area(client, personas):
    survey = SurveyFactory(status=SurveyStatus.DRAFT)
    client.force_login(personas["pmo"])
    section = "Define a survey, open it for answers and close it."
    assert section in client.get(reverse("administration:index")).content.decode()
    assert (
        reverse("survey:open", args=[survey.pk])
        in client.get(survey.get_absolute_url()).content.decode()
    )
    client.post(reverse("survey:open", args=[survey.pk]))
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.OPEN
    client.post(reverse("survey:close", args=[survey.pk]), {"confirmed": "1"})
    survey.refresh_from_db()
    assert survey.status == SurveyStatus.CLOSED
    client.force_login(personas["budget.reviewer"])
    assert section not in client.get(reverse("administration:index")).content.decode()
