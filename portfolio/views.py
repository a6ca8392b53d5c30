"""Portfolio pages. Views read through selectors and write through services; none decides who
may do what (``services.available_actions`` and ``permissions`` do)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import clock, confirm
from core.grids import Grid, row_response, with_added_row
from core.params import as_int
from core.tables import filtered, table_page
from governance import rights
from governance import services as governance_services
from governance.choices import AgendaItemKind, BodyKind, MeetingKind, MeetingState
from governance.models import AgendaItem, Body, Meeting

from . import finance, forms, initiatives, permissions, selectors, services
from .choices import (
    COMMITTEE,
    RAG_SYMBOLS,
    TRANSITIONS_BY_ACTION,
    Criterion,
    ProjectState,
)
from .filtersets import PipelineFilter
from .models import BusinessCase, ProjectTransition
from .overlap import find_overlaps
from .prioritisation import criterion_weights, ranked_list
from .tables import PipelineTable

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
    filterset = PipelineFilter(request.GET or None, queryset=selectors.pipeline(request.user))
    return table_page(
        request,
        "portfolio/pipeline.html",
        PipelineTable(filtered(filterset)),
        {"filter": filterset, "can_propose": permissions.can_propose(request.user)},
    )


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


# --- proposal form -------------------------------------------------------------------------
@login_required
def project_new(request):
    if not permissions.can_propose(request.user):
        raise PermissionDenied
    initial = {"sponsoring_unit": request.user.organisation_unit}
    if _adding_row(request):
        data = _with_row(request)
        return _proposal_page(
            request, forms.ProposalForm(data, initial=initial), forms.line_formsets(data), None
        )
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
    return _proposal_page(request, form, formsets, None)


def _adding_row(request):
    return request.method == "POST" and request.POST.get("add_row") in forms.SECTION_KEYS


def _with_row(request):
    return with_added_row(request.POST, request.POST["add_row"])


def _proposal_page(request, form, formsets, project, case=None):
    """The proposal form: its text sections and a grid per table of the business case."""
    grids = []
    for key, formset in formsets.items():
        amount, group, groups, total_label = forms.TOTALS.get(key, ("", "", [], ""))
        grids.append(
            Grid(
                formset,
                caption=formset.label,
                row_url=reverse("portfolio:case_line_row", args=[key]),
                amount_field=amount,
                group_field=group,
                groups=groups,
                total_label=total_label,
            )
        )
    bound = request.method == "POST" and not _adding_row(request)
    return render(
        request,
        "portfolio/proposal_form.html",
        {
            "form": form,
            "grids": grids,
            "formsets": list(formsets.values()),
            "project": project,
            "case": case,
            "show_errors": bound,
        },
        status=400
        if bound and (form.errors or any(not fs.is_valid() for fs in formsets.values()))
        else 200,
    )


@login_required
def case_line_row(request, section):
    """One more empty row of a business case table (htmx asks for it)."""
    if section not in forms.SECTION_KEYS:
        raise Http404
    if not permissions.can_propose(request.user):
        raise PermissionDenied
    amount = forms.TOTALS.get(section, ("",))[0]
    return row_response(request, forms.line_formset(section), amount_field=amount)


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
    if _adding_row(request):
        data = _with_row(request)
        return _proposal_page(
            request,
            forms.ProposalForm(data, initial=initial),
            forms.line_formsets(data, initial=_case_rows(case)),
            project,
            case,
        )
    form = forms.ProposalForm(request.POST or None, initial=initial)
    formsets = forms.line_formsets(request.POST or None, initial=_case_rows(case))
    if request.method == "POST" and _all_valid(form, formsets):
        try:
            _save_case(request, project, form, formsets, token=form.cleaned_data["token"])
            messages.success(request, _("Your draft was saved."))
            return _after_save(request, project)
        except services.PortfolioError as error:
            messages.error(request, error_text(error))
    return _proposal_page(request, form, formsets, project, case)


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
            "cases": selectors.visible_cases(request.user, project),
            "reports": reports,
            "chart": _chart(reports),
            "phases": project.phases.all(),
            "asset_links": project.projectasset_set.select_related("asset"),
            "overdue": selectors.is_overdue(project),
            "show_committee_item": project.state not in PRE_COMMITTEE_STATES,
            "reason_form": forms.ReasonForm(),
            "phase_form": forms.PhaseForm(),
            "changed_services": list(project.services.order_by("order")),
            "services_form": forms.ProjectServicesForm(
                initial={"services": list(project.services.values_list("pk", flat=True))}
            )
            if permissions.can_report_status(request.user, project)
            else None,
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
    transition = TRANSITIONS_BY_ACTION[action]
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    reason = form.cleaned_data.get("reason", "")
    # Only an action the person may take now is confirmed; any other goes to the service,
    # whose refusal says why.
    offered = transition.is_irreversible and transition in services.available_actions(
        request.user, project
    )
    if offered:
        ask = _irreversible_transition(project, transition)
        if transition.needs_reason and not reason.strip():
            form.add_error("reason", _("Give a reason: it stays in the project's timeline."))
            return confirm.ask(request, ask, form=form, status=400)
        if not confirm.confirmed(request):
            return confirm.ask(request, ask, form=form)
    try:
        services.project_transition(
            project=project, action=action, actor=request.user, reason=reason
        )
    except services.PortfolioError as error:
        if offered:
            return confirm.ask(request, ask, form=form, errors=[error_text(error)], status=409)
        messages.error(request, error_text(error))
        return redirect(project.get_absolute_url())
    messages.success(request, _("Done: %(action)s.") % {"action": transition.label})
    return redirect(project.get_absolute_url())


def _irreversible_transition(project, transition):
    return confirm.Irreversible(
        title=f"{transition.label}: {project.reference} {project.title}",
        consequence=_(
            "The project becomes “%(state)s”, a closed state: it cannot be reopened, its business "
            "case can no longer change, and the step stays in its timeline."
        )
        % {"state": ProjectState(transition.target).label},
        button=str(transition.label),
        cancel_url=project.get_absolute_url(),
        facts=(
            (_("Project"), f"{project.reference} {project.title}"),
            (_("State now"), project.get_state_display()),
            (_("Programme"), project.programme.name),
        ),
    )


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


@login_required
@require_POST
def project_services(request, pk):
    """Say which services of the catalogue the project changes (project manager, PMO)."""
    project = selectors.get_project(request.user, pk)
    form = forms.ProjectServicesForm(request.POST)
    if form.is_valid():
        try:
            services.project_services_set(
                project=project, services=list(form.cleaned_data["services"]), actor=request.user
            )
        except services.PortfolioError as error:
            raise PermissionDenied(error_text(error)) from error
        messages.success(request, _("The services the project changes were saved."))
    else:
        messages.error(request, _("Choose services from the catalogue."))
    return redirect(project.get_absolute_url())


# --- business case -------------------------------------------------------------------------
@login_required
def business_case(request, pk, number):
    project = selectors.get_project(request.user, pk)
    case = selectors.get_case(project, number, user=request.user)
    return render(
        request,
        "portfolio/business_case.html",
        {
            "project": project,
            "case": case,
            "appraisal": finance.appraise_case(case),
            "cases": selectors.visible_cases(request.user, project),
            "decisions": ProjectTransition.objects.filter(business_case=case)
            .select_related("actor")
            .order_by("at"),
        },
    )


@login_required
def business_case_compare(request, pk):
    project = selectors.get_project(request.user, pk)
    numbers = [case.number for case in selectors.visible_cases(request.user, project)]
    if not numbers:
        raise Http404
    a = as_int(request.GET.get("a") or (numbers[-2] if len(numbers) > 1 else numbers[0]))
    b = as_int(request.GET.get("b") or numbers[-1])
    if a not in numbers or b not in numbers:
        raise Http404
    left = selectors.get_case(project, a, user=request.user)
    right = selectors.get_case(project, b, user=request.user)
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
            # A project stands on one open item at a time: no control while it does.
            "meetings": [] if governance_services.open_item_of(project) else meetings,
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
    weights = criterion_weights(body)
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
            if "rank" in request.POST or "rank_vote" in request.POST:
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
                if "rank_vote" in request.POST:
                    services.prioritisation_put_to_vote(
                        body=body, actor=request.user, meeting=meeting, year=clock.today().year
                    )
                    messages.success(
                        request,
                        _("The ranking is on the meeting's agenda for the members' votes."),
                    )
                    return redirect(request.path)
                services.prioritisation_record(
                    body=body, actor=request.user, meeting=meeting, year=clock.today().year
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
    year = clock.today().year
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


@login_required
@require_POST
def initiative_rank(request, code):
    """Put an initiative's ranking before the Executive Committee (who prepares its business);
    the committee's chair then records "prioritised" with the rank on the item's page."""
    from programmes.models import Initiative

    initiative = get_object_or_404(Initiative, code=code)
    if not initiatives.can_propose_ranking(request.user):
        raise PermissionDenied
    form = forms.InitiativeRankingForm(
        request.POST, meetings=initiatives.executive_meetings(request.user)
    )
    if not form.is_valid():
        messages.error(
            request,
            " ".join(str(e) for errors in form.errors.values() for e in errors),
        )
        return redirect(initiative)
    meeting = form.chosen_meeting()
    try:
        item = services.initiative_ranking_propose(
            initiative=initiative,
            actor=request.user,
            rank=form.cleaned_data["rank"],
            meeting=meeting,
            deadline=None if meeting else form.cleaned_data["deadline"],
        )
    except (ValidationError, rights.RightsError) as error:
        messages.error(request, error_text(error))
        return redirect(initiative)
    messages.success(
        request,
        _("The ranking of %(initiative)s is before the Executive Committee.")
        % {"initiative": initiative.name},
    )
    return redirect(reverse("governance:item", args=[item.pk]))
