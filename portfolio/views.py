"""Portfolio pages. Views read through selectors and write through services; none decides who
may do what (``services.available_actions`` and ``permissions`` do)."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from governance import rights
from governance import services as governance_services
from governance.choices import AgendaItemKind, BodyKind, MeetingKind, MeetingState
from governance.models import AgendaItem, Body, Meeting

from . import finance, forms, permissions, selectors, services
from .choices import (
    COMMITTEE,
    RAG_SYMBOLS,
    TRANSITIONS_BY_ACTION,
    Criterion,
    ProjectState,
)
from .models import BusinessCase, ProjectTransition
from .overlap import find_overlaps
from .prioritisation import ranked_list

# Before the CITO endorses, a project has no committee item yet.
PRE_COMMITTEE_STATES = {
    ProjectState.DRAFT,
    ProjectState.SUBMITTED,
    ProjectState.RETURNED,
    ProjectState.ACCEPTED,
}


def error_text(error):
    return " ".join(getattr(error, "messages", None) or [str(error)])


# --- lists ---------------------------------------------------------------------------------
@login_required
def pipeline(request):
    form = forms.PipelineFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    projects = selectors.pipeline(
        request.user,
        state=filters.get("state"),
        programme=filters.get("programme"),
        query=filters.get("q"),
    )
    if request.GET.get("format") == "csv":
        return _pipeline_csv(projects)
    rows = list(projects)
    for project in rows:
        project.overdue = selectors.is_overdue(project)
    return render(
        request,
        "portfolio/pipeline.html",
        {
            "form": form,
            "projects": rows,
            "can_propose": permissions.can_propose(request.user),
            "rag_symbols": RAG_SYMBOLS,
        },
    )


def _pipeline_csv(projects):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="portfolio-pipeline.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("Reference"),
            _("Title"),
            _("Programme"),
            _("Initiative"),
            _("Sponsoring department"),
            _("State"),
            _("Total estimated cost (USD)"),
            _("Major"),
            _("Schedule"),
            _("Budget"),
            _("Scope"),
        ]
    )
    for p in projects:
        writer.writerow(
            [
                p.reference,
                p.title,
                p.programme.name,
                p.initiative.name if p.initiative else "",
                p.sponsoring_unit.name,
                p.get_state_display(),
                p.total_cost,
                _("yes") if p.is_major else _("no"),
                p.last_schedule or "",
                p.last_budget or "",
                p.last_scope or "",
            ]
        )
    return response


@login_required
def overview(request):
    by_state, by_rag = selectors.overview(request.user)
    labels = dict(ProjectState.choices)
    for row in by_state:
        row["state_label"] = labels.get(row["state"], row["state"])
    programmes = {}
    for row in by_state:
        entry = programmes.setdefault(
            row["programme__code"],
            {"name": row["programme__name"], "states": [], "rag": [], "n": 0, "cost": 0},
        )
        entry["states"].append(row)
        entry["n"] += row["n"]
        entry["cost"] += row["cost"]
    for row in by_rag:
        row["symbol"] = RAG_SYMBOLS.get(row["rag"], "")
        entry = programmes.setdefault(
            row["programme__code"],
            {"name": row["programme__name"], "states": [], "rag": [], "n": 0, "cost": 0},
        )
        entry["rag"].append(row)
    total_cost = sum(p["cost"] for p in programmes.values())
    total_n = sum(p["n"] for p in programmes.values())
    return render(
        request,
        "portfolio/overview.html",
        {
            "programmes": programmes,
            "total_cost": total_cost,
            "total_n": total_n,
        },
    )


@login_required
def assets(request):
    return render(
        request, "portfolio/assets.html", {"assets": selectors.assets_visible_to(request.user)}
    )


# --- proposal form -------------------------------------------------------------------------
@login_required
def project_new(request):
    if not permissions.can_propose(request.user):
        raise PermissionDenied
    initial = {"sponsoring_unit": request.user.organisation_unit}
    form = forms.ProposalForm(request.POST or None, initial=initial)
    formsets = forms.line_formsets(request.POST or None)
    if request.method == "POST" and _all_valid(form, formsets):
        try:
            project = services.project_create(
                actor=request.user,
                title=form.cleaned_data["title"],
                summary=form.cleaned_data["summary"],
                programme=form.cleaned_data["programme"],
                initiative=form.cleaned_data["initiative"],
                sponsoring_unit=form.cleaned_data["sponsoring_unit"],
                spans_programmes=form.cleaned_data["spans_programmes"],
            )
            _save_case(request, project, form, formsets)
            messages.success(request, _("Your draft was saved."))
            return _after_save(request, project)
        except services.PortfolioError as error:
            messages.error(request, error_text(error))
    return render(
        request,
        "portfolio/proposal_form.html",
        {"form": form, "formsets": formsets.values(), "project": None},
    )


@login_required
def project_edit(request, pk):
    project = selectors.get_project(request.user, pk)
    if not permissions.can_edit_case(request.user, project):
        raise PermissionDenied
    case = project.current_case()
    initial = {
        "token": services.case_token(case),
        "title": project.title,
        "summary": project.summary,
        "spans_programmes": project.spans_programmes,
        **{name: getattr(case, name) for name in forms.ProposalForm.CASE_FIELDS},
    }
    form = forms.ProposalForm(request.POST or None, initial=initial)
    formsets = forms.line_formsets(request.POST or None, initial=_case_rows(case))
    if request.method == "POST" and _all_valid(form, formsets):
        try:
            _save_case(request, project, form, formsets, token=form.cleaned_data["token"])
            messages.success(request, _("Your draft was saved."))
            return _after_save(request, project)
        except services.PortfolioError as error:
            messages.error(request, error_text(error))
    return render(
        request,
        "portfolio/proposal_form.html",
        {"form": form, "formsets": formsets.values(), "project": project, "case": case},
    )


def _all_valid(form, formsets):
    valid = form.is_valid()
    for formset in formsets.values():
        valid = formset.is_valid() and valid
    return valid


def _case_rows(case):
    return {
        key: [{f: getattr(row, f) for f in names} for row in getattr(case, related).all()]
        for key, (_model, related, names) in services.LINE_MODELS.items()
    }


def _save_case(request, project, form, formsets, token=None):
    if token is None:
        token = services.case_token(project.current_case())
    services.business_case_save(
        project=project,
        actor=request.user,
        token=token,
        title=form.cleaned_data["title"],
        summary=form.cleaned_data["summary"],
        spans_programmes=form.cleaned_data["spans_programmes"],
        fields=form.case_fields(),
        lines=forms.formset_rows(formsets),
    )


def _after_save(request, project):
    if "submit" in request.POST:
        try:
            services.project_submit(project=project, actor=request.user)
            messages.success(request, _("The business case was submitted to the PMO."))
            return redirect(project.get_absolute_url())
        except services.PortfolioError as error:
            messages.error(request, error_text(error))
            return redirect("portfolio:project_edit", project.pk)
    return redirect("portfolio:project_edit", project.pk)


# --- project page and transitions ----------------------------------------------------------
@login_required
def project_detail(request, pk):
    project = selectors.get_project(request.user, pk)
    actions = services.available_actions(request.user, project)
    reports = list(project.status_reports.select_related("author").order_by("period"))
    timeline = project.transitions.select_related("actor", "business_case").order_by("at", "pk")
    return render(
        request,
        "portfolio/project_detail.html",
        {
            "project": project,
            "actions": [
                a
                for a in actions
                if a.who != COMMITTEE and a.action not in ("pmo_accept", "pmo_return")
            ],
            "committee_actions": [a for a in actions if a.who == COMMITTEE],
            "can_review": any(a.action in ("pmo_accept", "pmo_return") for a in actions),
            "can_edit": permissions.can_edit_case(request.user, project),
            "can_report": project.state == ProjectState.IN_DELIVERY
            and permissions.can_report_status(request.user, project),
            "timeline": timeline,
            "cases": project.business_cases.order_by("number"),
            "reports": reports,
            "chart": _chart(reports),
            "phases": project.phases.all(),
            "asset_links": project.projectasset_set.select_related("asset"),
            "overdue": selectors.is_overdue(project),
            "show_committee_item": project.state not in PRE_COMMITTEE_STATES,
            "reason_form": forms.ReasonForm(),
            "phase_form": forms.PhaseForm(),
            "rag_symbols": RAG_SYMBOLS,
        },
    )


def _chart(reports):
    """Points of the percent-complete and spend line chart (inline SVG, 0-100 scale)."""
    if not reports:
        return None
    width, height, pad = 560, 200, 30
    step = (width - 2 * pad) / max(len(reports) - 1, 1)
    top_spend = max(float(r.actual_spend) for r in reports) or 1.0
    points, spend_points = [], []
    for i, r in enumerate(reports):
        x = pad + i * step
        points.append(
            (round(x, 1), round(height - pad - (height - 2 * pad) * r.percent_complete / 100, 1), r)
        )
        spend_points.append(
            (
                round(x, 1),
                round(height - pad - (height - 2 * pad) * float(r.actual_spend) / top_spend, 1),
            )
        )
    return {
        "width": width,
        "height": height,
        "pad": pad,
        "complete": " ".join(f"{x},{y}" for x, y, _r in points),
        "spend": " ".join(f"{x},{y}" for x, y in spend_points),
        "labels": [(x, r.period.strftime("%Y-%m")) for x, _y, r in points],
    }


@login_required
@require_POST
def project_act(request, pk, action):
    project = selectors.get_project(request.user, pk)
    if action not in TRANSITIONS_BY_ACTION:
        raise Http404
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    try:
        services.project_transition(
            project=project,
            action=action,
            actor=request.user,
            reason=form.cleaned_data.get("reason", ""),
        )
        messages.success(
            request, _("Done: %(action)s.") % {"action": TRANSITIONS_BY_ACTION[action].label}
        )
    except services.PortfolioError as error:
        messages.error(request, error_text(error))
    return redirect(project.get_absolute_url())


@login_required
def project_review(request, pk):
    project = selectors.get_project(request.user, pk)
    if not permissions.can_review(request.user, project):
        raise PermissionDenied
    case = project.decided_case()
    form = forms.ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form.cleaned_data["outcome"] == "accept":
                services.project_pmo_accept(
                    project=project,
                    actor=request.user,
                    checklist=form.checklist(),
                    comments=form.cleaned_data["comments"],
                )
                messages.success(request, _("The business case was accepted."))
            else:
                services.project_pmo_return(
                    project=project,
                    actor=request.user,
                    checklist=form.checklist(),
                    comments=form.cleaned_data["comments"],
                )
                messages.success(request, _("The business case was returned to the proponent."))
            return redirect(project.get_absolute_url())
        except services.PortfolioError as error:
            messages.error(request, error_text(error))
    visible = selectors.projects_visible_to(request.user)
    return render(
        request,
        "portfolio/review_form.html",
        {
            "project": project,
            "case": case,
            "form": form,
            "overlaps": find_overlaps(project, visible=visible),
            "reviews": project.reviews.select_related("reviewer", "business_case"),
        },
    )


@login_required
def status_report_new(request, pk):
    project = selectors.get_project(request.user, pk)
    if not permissions.can_report_status(request.user, project):
        raise PermissionDenied
    form = forms.StatusReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.status_report_file(project=project, actor=request.user, **form.cleaned_data)
            messages.success(request, _("The status report was filed."))
            return redirect(project.get_absolute_url())
        except services.PortfolioError as error:
            messages.error(request, error_text(error))
    return render(request, "portfolio/status_report_form.html", {"project": project, "form": form})


@login_required
@require_POST
def phase_new(request, pk):
    project = selectors.get_project(request.user, pk)
    form = forms.PhaseForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            " ".join(
                f"{form.fields[f].label}: {' '.join(e)}" if f in form.fields else " ".join(e)
                for f, e in form.errors.items()
            ),
        )
        return redirect(project.get_absolute_url())
    try:
        services.phase_add(project=project, actor=request.user, **form.cleaned_data)
        messages.success(request, _("The phase was added."))
    except services.PortfolioError as error:
        messages.error(request, error_text(error))
    return redirect(project.get_absolute_url())


# --- business case -------------------------------------------------------------------------
@login_required
def business_case(request, pk, number):
    project = selectors.get_project(request.user, pk)
    case = selectors.get_case(project, number)
    return render(
        request,
        "portfolio/business_case.html",
        {
            "project": project,
            "case": case,
            "appraisal": finance.appraise_case(case),
            "cases": project.business_cases.order_by("number"),
            "decisions": ProjectTransition.objects.filter(business_case=case)
            .select_related("actor")
            .order_by("at"),
        },
    )


@login_required
def business_case_compare(request, pk):
    project = selectors.get_project(request.user, pk)
    numbers = list(project.business_cases.order_by("number").values_list("number", flat=True))
    if not numbers:
        raise Http404
    try:
        a = int(request.GET.get("a") or (numbers[-2] if len(numbers) > 1 else numbers[0]))
        b = int(request.GET.get("b") or numbers[-1])
    except ValueError as error:
        raise Http404 from error
    left, right = selectors.get_case(project, a), selectors.get_case(project, b)
    rows = _compare_rows(left, right)
    return render(
        request,
        "portfolio/compare.html",
        {
            "project": project,
            "left": left,
            "right": right,
            "rows": rows,
            "numbers": numbers,
        },
    )


def _compare_rows(left, right):
    rows = []
    for name in (
        "programme",
        "initiative",
        "sponsoring_unit",
        "problem",
        "scope",
        "options_considered",
        "qualitative_benefits",
        "dependencies",
        "standards_compliance",
    ):
        label = BusinessCase._meta.get_field(name).verbose_name
        a, b = getattr(left, name), getattr(right, name)
        rows.append((label, a or "", b or "", a != b))
    la, ra = finance.appraise_case(left), finance.appraise_case(right)
    for label, a, b in (
        (_("Total cost (USD)"), la.total_cost, ra.total_cost),
        (_("Total quantified benefits (USD)"), la.total_benefit, ra.total_benefit),
        (_("Net present value (USD)"), la.npv, ra.npv),
        (_("Return on investment"), la.roi, ra.roi),
        (_("Payback period (years)"), la.payback_years, ra.payback_years),
        (
            _("Risks"),
            "; ".join(str(r.description) for r in left.risks.all()),
            "; ".join(str(r.description) for r in right.risks.all()),
        ),
        (
            _("Funding sources"),
            "; ".join(f"{f.source} {f.amount}" for f in left.fundingsources.all()),
            "; ".join(f"{f.source} {f.amount}" for f in right.fundingsources.all()),
        ),
    ):
        rows.append((label, a if a is not None else "", b if b is not None else "", a != b))
    return rows


# --- committee item and prioritisation -----------------------------------------------------
@login_required
def committee_item(request, pk):
    project = selectors.get_project(request.user, pk)
    body = project.get_deciding_body()
    case = project.decided_case()
    my_scores = {}
    if request.user.is_authenticated and case:
        my_scores = dict(
            project.scores.filter(member=request.user, business_case=case).values_list(
                "criterion", "value"
            )
        )
    can_score = project.state == ProjectState.WITH_STEERING_COMMITTEE and permissions.can_score(
        request.user, project
    )
    score_form = forms.ScoreForm(request.POST or None, initial_scores=my_scores)
    meetings = _open_meetings(request.user, body)
    if request.method == "POST" and "agenda" in request.POST:
        return _place_on_agenda(request, project, meetings)
    if request.method == "POST":
        if not can_score:
            raise PermissionDenied
        if score_form.is_valid():
            try:
                services.score_record(
                    project=project, actor=request.user, scores=score_form.cleaned_data
                )
                messages.success(request, _("Your scores were recorded."))
                return redirect("portfolio:committee_item", project.pk)
            except services.PortfolioError as error:
                messages.error(request, error_text(error))
    visible = selectors.projects_visible_to(request.user)
    return render(
        request,
        "portfolio/committee_item.html",
        {
            "project": project,
            "body": body,
            "case": case,
            "appraisal": finance.appraise_case(case) if case else None,
            "review": project.reviews.select_related("reviewer", "business_case").first(),
            "overlaps": find_overlaps(project, visible=visible),
            "scores": project.scores.filter(business_case=case)
            .select_related("member")
            .order_by("member__username", "criterion"),
            "score_form": score_form if can_score else None,
            "can_decide": rights.can_decide(request.user, project),
            "can_give_opinion": rights.can_give_opinion(request.user, project),
            "agenda_items": _agenda_items(project),
            "meetings": meetings,
        },
    )


def _agenda_items(project):
    content_type = ContentType.objects.get_for_model(project)
    return (
        AgendaItem.objects.filter(content_type=content_type, object_id=project.pk)
        .select_related("meeting", "meeting__body")
        .prefetch_related("votes__voter")
        .order_by("-meeting__starts_at")
    )


def _open_meetings(user, body):
    """Meetings of the deciding body this user may put the project on (chair, secretary, PMO)."""
    if body is None or not rights.can_manage_meetings(user, body):
        return []
    return list(
        Meeting.objects.filter(body=body)
        .exclude(state=MeetingState.CLOSED)
        .filter(kind=MeetingKind.MEETING)
        .order_by("starts_at")
    )


def _place_on_agenda(request, project, meetings):
    """Governance's agenda form lists motions; a project is put on the agenda from here,
    through governance's own service."""
    meeting = next((m for m in meetings if str(m.pk) == request.POST.get("meeting")), None)
    if meeting is None:
        messages.error(request, _("Choose a planned or open meeting of the deciding body."))
        return redirect("portfolio:committee_item", project.pk)
    try:
        governance_services.agenda_item_add(
            meeting=meeting,
            kind=AgendaItemKind.DECISION,
            subject=project,
            actor=request.user,
            title=str(project),
        )
        messages.success(
            request, _("The project is on the agenda of %(meeting)s.") % {"meeting": meeting}
        )
        return redirect(meeting.get_absolute_url())
    except (ValidationError, rights.RightsError) as error:
        messages.error(request, error_text(error))
    return redirect("portfolio:committee_item", project.pk)


@login_required
def prioritisation(request, programme):
    body = get_object_or_404(
        Body.objects.select_related("programme"),
        kind=BodyKind.STEERING_COMMITTEE,
        programme__code=programme,
    )
    if not permissions.can_see_prioritisation(request.user, body):
        raise PermissionDenied
    weights = services.criterion_weights(body)
    can_weigh = permissions.can_set_weights(request.user, body)
    weights_form = forms.WeightsForm(request.POST or None, weights=weights)
    envelope_form = forms.EnvelopeForm(request.POST or None)
    if request.method == "POST":
        try:
            if "weights" in request.POST and weights_form.is_valid():
                services.criterion_weights_set(
                    body=body, actor=request.user, weights=weights_form.cleaned_data
                )
                messages.success(request, _("The weights were saved."))
                return redirect(request.path)
            if "rank" in request.POST:
                meeting = next(
                    (
                        m
                        for m in _open_meetings(request.user, body)
                        if str(m.pk) == request.POST.get("meeting")
                    ),
                    None,
                )
                if meeting is None:
                    raise services.PortfolioError(_("Choose an open meeting of the committee."))
                services.prioritisation_record(
                    body=body, actor=request.user, meeting=meeting, year=forms.THIS_YEAR
                )
                messages.success(request, _("The ranking is recorded as the committee's decision."))
                return redirect(request.path)
            if "envelope" in request.POST and envelope_form.is_valid():
                services.envelope_propose(
                    programme=body.programme, actor=request.user, **envelope_form.cleaned_data
                )
                messages.success(
                    request, _("The envelope was proposed to the Executive Committee.")
                )
                return redirect(request.path)
        except (services.PortfolioError, ValidationError, rights.RightsError) as error:
            messages.error(request, error_text(error))
    year = forms.THIS_YEAR
    ranking = ranked_list(body, year, user=request.user)
    return render(
        request,
        "portfolio/prioritisation.html",
        {
            "body": body,
            "ranking": ranking,
            "year": year,
            "weights": [(Criterion(c).label, w) for c, w in weights.items()],
            "weights_form": weights_form if can_weigh else None,
            "envelope_form": envelope_form
            if permissions.can_propose_envelope(request.user)
            else None,
            "rank_meetings": [
                m for m in _open_meetings(request.user, body) if m.state == MeetingState.OPEN
            ]
            if rights.can_decide(request.user, body=body)
            else [],
        },
    )
