"""What people do through the portfolio pages: propose, edit, review, report, compare."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from core import clock
from portfolio import selectors, services
from portfolio.choices import ProjectState
from portfolio.models import Project
from portfolio.overlap import find_overlaps, text_similarity
from programmes.models import Initiative, Programme
from tests.portfolio.factories import draft, walk

S = ProjectState
pytestmark = pytest.mark.django_db


def proposal_data(**overrides):
    knowledge = Programme.objects.get(code="knowledge")
    data = {
        "title": "Digital archive",
        "summary": "Digitise the archives.",
        "programme": knowledge.pk,
        "initiative": Initiative.objects.get(code="digitization").pk,
        "sponsoring_unit": "",
        "problem": "Paper records decay.",
        "scope": "Archives.",
        "options_considered": "",
        "qualitative_benefits": "",
        "dependencies": "",
        "standards_compliance": "",
    }
    for key in ("costs", "benefits", "risks", "funding"):
        data.update(
            {
                f"{key}-TOTAL_FORMS": "2",
                f"{key}-INITIAL_FORMS": "0",
                f"{key}-MIN_NUM_FORMS": "0",
                f"{key}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(
        {
            "costs-0-year": "2026",
            "costs-0-kind": "one_time",
            "costs-0-category": "hardware",
            "costs-0-amount": "120000",
        }
    )
    data.update(overrides)
    return data


def test_a_proponent_saves_a_draft_from_the_sectioned_form(client, personas):
    client.force_login(personas["proponent"])
    data = proposal_data(sponsoring_unit=personas["proponent"].organisation_unit_id, save="1")
    response = client.post(reverse("portfolio:project_new"), data)
    project = Project.objects.get(title="Digital archive")
    assert response.status_code == 302
    assert project.state == S.DRAFT and project.total_cost == Decimal("120000")
    assert project.current_case().costlines.get().category == "hardware"


def test_field_level_errors_are_shown_and_nothing_is_saved(client, personas):
    client.force_login(personas["proponent"])
    data = proposal_data(
        sponsoring_unit=personas["proponent"].organisation_unit_id,
        **{
            "costs-0-amount": "-5",
            "risks-0-description": "Delay",
            "risks-0-likelihood": "9",
            "risks-0-impact": "2",
            "initiative": Initiative.objects.get(code="identity-management").pk,
        },
    )
    response = client.post(reverse("portfolio:project_new"), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "greater than or equal to 0" in html
    assert "less than or equal to 5" in html
    assert "This initiative belongs to another programme." in html
    assert not Project.objects.filter(title="Digital archive").exists()


def test_save_and_submit_freezes_version_one(client, personas):
    client.force_login(personas["proponent"])
    data = proposal_data(sponsoring_unit=personas["proponent"].organisation_unit_id, submit="1")
    client.post(reverse("portfolio:project_new"), data)
    project = Project.objects.get(title="Digital archive")
    assert project.state == S.SUBMITTED and project.decided_case().number == 1


def test_a_stale_save_from_the_page_is_refused_with_a_message(client, personas):
    owner = personas["proponent"]
    project = services.project_create(
        actor=owner,
        title="Digital archive",
        sponsoring_unit=owner.organisation_unit,
        programme=Programme.objects.get(code="knowledge"),
    )
    client.force_login(personas["proponent"])
    url = reverse("portfolio:project_edit", args=[project.pk])
    stale = services.case_token(project.current_case())
    services.business_case_save(
        project=project, actor=personas["pmo"], token=stale, fields={"scope": "Changed by the PMO."}
    )
    data = proposal_data(
        sponsoring_unit=project.sponsoring_unit_id, token=stale, scope="My stale scope", save="1"
    )
    response = client.post(url, data, follow=True)
    html = response.content.decode()
    assert "Someone saved this business case after you opened it" in html
    assert project.current_case().scope == "Changed by the PMO."


def test_pmo_returns_through_the_review_form_with_comments_required(client, personas):
    project = walk(draft(personas), personas, S.SUBMITTED)
    client.force_login(personas["pmo"])
    url = reverse("portfolio:project_review", args=[project.pk])
    response = client.post(url, {"outcome": "return"})
    assert "Say what the proponent must change." in response.content.decode()
    client.post(url, {"outcome": "return", "comments": "Add year 2 costs.", "complete": "on"})
    project.refresh_from_db()
    assert project.state == S.RETURNED
    review = project.reviews.get()
    assert review.business_case.number == 1 and review.complete and not review.compliant


def test_versions_are_compared_side_by_side(client, personas):
    project = walk(draft(personas), personas, S.RETURNED)
    services.business_case_save(
        project=project,
        actor=personas["proponent"],
        token=services.case_token(project.current_case()),
        fields={"scope": "Wider scope."},
    )
    client.force_login(personas["pmo"])
    html = client.get(reverse("portfolio:compare", args=[project.pk]) + "?a=1&b=2").content.decode()
    assert "All HQ departments." in html and "Wider scope." in html
    assert "Changed" in html


def test_the_pipeline_filters_and_exports_csv(client, personas):
    walk(
        draft(personas, title="Identity federation", programme="infrastructure"),
        personas,
        S.SUBMITTED,
    )
    draft(personas, title="Records centre")
    client.force_login(personas["pmo"])
    html = client.get(reverse("portfolio:pipeline") + "?programme=infrastructure").content.decode()
    assert "Identity federation" in html and "Records centre" not in html
    response = client.get(reverse("portfolio:pipeline") + "?state=draft&format=csv")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/csv")
    assert "Records centre" in body and "Identity federation" not in body


def test_status_reports_are_filed_and_overdue_ones_flagged(client, personas):
    # Delivery started 90 days ago (transitions are append-only: the clock is set, not the row).
    with clock.travel(clock.now() - datetime.timedelta(days=90)):
        project = walk(draft(personas), personas, S.IN_DELIVERY)
    assert selectors.is_overdue(project)
    client.force_login(personas["proponent"])
    last_month = selectors.previous_month_start()
    response = client.post(
        reverse("portfolio:status_report_new", args=[project.pk]),
        {
            "period": last_month.isoformat(),
            "schedule": "amber",
            "budget": "green",
            "scope": "red",
            "percent_complete": "40",
            "actual_spend": "80000",
            "issues": "Late vendor",
            "risks": "",
        },
    )
    assert response.status_code == 302
    assert not selectors.is_overdue(project)
    html = client.get(project.get_absolute_url()).content.decode()
    assert "Amber" in html and "Red" in html and "<svg" in html and "Status report history" in html


def test_a_second_report_for_the_same_month_is_refused(personas):
    project = walk(draft(personas), personas, S.IN_DELIVERY)
    kwargs = dict(
        project=project,
        actor=personas["proponent"],
        period=datetime.date(2026, 3, 9),
        schedule="green",
        budget="green",
        scope="green",
        percent_complete=10,
        actual_spend=Decimal(1),
    )
    services.status_report_file(**kwargs)
    with pytest.raises(services.PortfolioError, match="already filed"):
        services.status_report_file(**kwargs)


def test_status_reports_only_in_delivery(personas):
    project = walk(draft(personas), personas, S.APPROVED)
    with pytest.raises(services.PortfolioError, match="only while a project is in delivery"):
        services.status_report_file(
            project=project,
            actor=personas["pmo"],
            period=datetime.date(2026, 3, 1),
            schedule="green",
            budget="green",
            scope="green",
            percent_complete=0,
            actual_spend=Decimal(0),
        )


def test_phases_are_added_on_the_project_page(client, personas):
    project = walk(draft(personas), personas, S.APPROVED)
    client.force_login(personas["pmo"])
    client.post(
        reverse("portfolio:phase_new", args=[project.pk]),
        {"name": "Pilot", "start": "2026-01-01", "end": "2026-03-31", "deliverables": "Pilot"},
    )
    client.post(
        reverse("portfolio:phase_new", args=[project.pk]),
        {"name": "Bad", "start": "2026-05-01", "end": "2026-03-31"},
    )
    assert list(project.phases.values_list("name", flat=True)) == ["Pilot"]


def test_closure_records_lessons_learned(client, personas):
    project = walk(draft(personas), personas, S.IN_DELIVERY)
    client.force_login(personas["pmo"])
    client.post(
        reverse("portfolio:project_act", args=[project.pk, "complete"]),
        {"reason": "Pilot first, then scale.", "confirmed": "1"},
    )
    project.refresh_from_db()
    assert project.state == S.COMPLETED and project.lessons_learned == "Pilot first, then scale."


# --- overlap ---------------------------------------------------------------------------------
def test_overlap_finds_similar_titles_and_same_initiative_scores_higher(personas):
    mine = draft(
        personas,
        title="Enterprise search platform",
        initiative="enterprise-search",
        summary="Search across all documents",
    )
    similar = draft(personas, title="Enterprise search portal", summary="Find documents")
    same_initiative = draft(
        personas,
        title="Enterprise search engine",
        initiative="enterprise-search",
        summary="Search documents",
    )
    draft(personas, title="IP telephony rollout", programme="infrastructure")
    found = {o.project: o for o in find_overlaps(mine)}
    assert similar in found and same_initiative in found
    assert found[same_initiative].score > found[similar].score
    assert any(str(r).startswith("same initiative") for r in found[same_initiative].reasons)
    assert all(o.project.title != "IP telephony rollout" for o in found.values())


def test_portable_similarity_is_symmetric_and_bounded():
    assert text_similarity("Document management", "document management") == 1.0
    assert 0 <= text_similarity("abc", "xyz") < 0.3
    assert text_similarity("", "x") == 0.0


def test_untouched_extra_rows_are_ignored(client, personas):
    client.force_login(personas["proponent"])
    data = proposal_data(
        sponsoring_unit=personas["proponent"].organisation_unit_id,
        save="1",
        **{"costs-1-kind": "", "costs-1-category": "", "costs-1-year": "", "costs-1-amount": ""},
    )
    assert client.post(reverse("portfolio:project_new"), data).status_code == 302
    assert Project.objects.get(title="Digital archive").current_case().costlines.count() == 1


def test_saving_the_edit_form_unchanged_keeps_every_row(client, personas):
    project = draft(personas)
    client.force_login(personas["proponent"])
    url = reverse("portfolio:project_edit", args=[project.pk])
    form_page = client.get(url)
    data = {}
    context = form_page.context
    form = context["form"]
    for field in form:
        value = field.value()
        data[field.html_name] = getattr(value, "pk", value) if value is not None else ""
    data["spans_programmes"] = ""
    for formset in context["formsets"]:
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for line in formset.forms:
            for field in line:
                value = field.value()
                if value not in (None, False):
                    data[field.html_name] = value
    data["save"] = "1"
    assert client.post(url, data).status_code == 302
    case = project.current_case()
    assert (
        case.costlines.count(),
        case.benefitlines.count(),
        case.risks.count(),
        case.fundingsources.count(),
    ) == (1, 1, 1, 1)


def test_overlap_scores_alike_on_every_database(personas):
    mine = draft(personas, title="Enterprise search platform", summary="Search all documents")
    similar = draft(personas, title="Enterprise search portal", summary="Find documents")
    draft(personas, title="IP telephony rollout", programme="infrastructure")
    found = [o.project for o in find_overlaps(mine)]
    assert found == [similar]


def test_the_overview_counts_delivery_projects_by_their_worst_status(client, personas):
    for title, rags in (
        ("One", ("green", "amber", "green")),
        ("Two", ("green", "green", "red")),
        ("Three", ("green", "green", "green")),
    ):
        project = walk(draft(personas, title=title), personas, S.IN_DELIVERY)
        services.status_report_file(
            project=project,
            actor=personas["pmo"],
            period=datetime.date(2026, 1, 1),
            schedule=rags[0],
            budget=rags[1],
            scope=rags[2],
            percent_complete=10,
            actual_spend=Decimal(1),
        )
    walk(draft(personas, title="Four"), personas, S.IN_DELIVERY)  # no report yet
    _by_state, by_rag = selectors.overview(personas["pmo"])
    assert {row["rag"]: row["n"] for row in by_rag} == {"red": 1, "amber": 1, "green": 1, "": 1}
