"""Pages of the planning area: scenarios, their comparison and the efficient frontier."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock, confirm
from core.charts import xy_chart
from core.params import as_id, as_int
from governance import rights
from governance.choices import MeetingKind, MeetingState
from governance.models import Body, Meeting
from portfolio.models import Project
from programmes.models import Programme

from . import forms, permissions, selectors, services
from .choices import COMPARE_MAX, TABLE_MAX_YEARS, Choice
from .frontier import portfolio_frontier
from .models import ProjectDependency


def error_text(error):
    return " ".join(getattr(error, "messages", None) or [str(error)])


def parse_compare_ids(raw):
    """``"3,1,3"`` -> ``[3, 1]``: the scenarios to compare, at most ``COMPARE_MAX``."""
    ids = []
    for part in (raw or "").split(","):
        part = part.strip()
        if not part:
            continue
        number = as_id(part)
        if number is None:
            raise ValidationError(_("Scenarios are named by their numbers."))
        if number not in ids:
            ids.append(number)
    if len(ids) > COMPARE_MAX:
        raise ValidationError(
            _("Compare at most %(n)s scenarios side by side.") % {"n": COMPARE_MAX}
        )
    return ids


def _check_reader(user):
    if not permissions.can_read_plans(user):
        raise PermissionDenied


def _check_planner(user):
    if not permissions.can_plan(user):
        raise PermissionDenied


def executive_meetings(user):
    """Meetings of the Executive Committee this planner may put a scenario before."""
    body = Body.objects.executive_committee()
    if body is None or not rights.can_manage_meetings(user, body):
        return []
    return list(
        Meeting.objects.filter(body=body, kind=MeetingKind.MEETING)
        .exclude(state=MeetingState.CLOSED)
        .order_by("starts_at")
    )


@login_required
def scenario_list(request):
    _check_reader(request.user)
    can_plan = permissions.can_plan(request.user)
    form = forms.ScenarioForm(request.POST or None)
    if request.method == "POST":
        _check_planner(request.user)
        if form.is_valid():
            try:
                scenario = services.scenario_create(actor=request.user, **form.cleaned_data)
                messages.success(request, _("The scenario was created."))
                return redirect(scenario)
            except ValidationError as error:
                messages.error(request, error_text(error))
    scenarios = list(selectors.scenarios_visible_to(request.user))
    return render(
        request,
        "planning/scenarios.html",
        {"scenarios": scenarios, "form": form if can_plan else None, "can_plan": can_plan},
        status=400 if request.method == "POST" else 200,
    )


@login_required
def scenario_detail(request, pk):
    _check_reader(request.user)
    scenario = selectors.scenario_with_lines(request.user, pk)
    can_edit = permissions.can_plan(request.user) and scenario.is_editable
    if request.method == "POST":
        _check_planner(request.user)
        response = _scenario_post(request, scenario)
        if response is not None:
            return response
        scenario = selectors.scenario_with_lines(request.user, pk)
    figures = selectors.figures(scenario)
    return render(
        request,
        "planning/scenario.html",
        {
            "scenario": scenario,
            "figures": figures,
            "can_edit": can_edit,
            "can_plan": permissions.can_plan(request.user),
            "choices": Choice.choices,
            "meetings": executive_meetings(request.user) if can_edit else [],
            "decision_url": reverse("governance:decision", args=[scenario.decision_id])
            if scenario.decision_id
            else "",
        },
    )


def _scenario_post(request, scenario):
    try:
        if "choice" in request.POST:
            form = forms.ChoiceForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Check the choice: %(errors)s") % {"errors": form.errors})
            project = Project.objects.filter(pk=form.cleaned_data["project"]).first()
            if project is None:
                raise ValidationError(_("No such project."))
            services.scenario_choice_set(
                scenario=scenario,
                actor=request.user,
                project=project,
                choice=form.cleaned_data["choice"],
                phase_percent=form.cleaned_data["phase_percent"],
                priority=form.cleaned_data["priority"],
            )
            messages.success(
                request, _("The choice for %(project)s was saved.") % {"project": project}
            )
        elif "envelope" in request.POST:
            form = forms.EnvelopeForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Give the envelope as an amount in USD."))
            programme = Programme.objects.filter(code=form.cleaned_data["programme"]).first()
            if programme is None:
                raise ValidationError(_("No such programme."))
            services.scenario_envelope_set(
                scenario=scenario,
                actor=request.user,
                programme=programme,
                year=form.cleaned_data["year"],
                amount=form.cleaned_data["amount"],
            )
            messages.success(request, _("The envelope was saved."))
        elif "new_version" in request.POST:
            copy = services.scenario_new_version(scenario=scenario, actor=request.user)
            messages.success(request, _("Version %(n)s was started.") % {"n": copy.number})
            return redirect(copy)
        elif "submit" in request.POST:
            meeting = next(
                (
                    m
                    for m in executive_meetings(request.user)
                    if str(m.pk) == request.POST.get("meeting")
                ),
                None,
            )
            if meeting is None:
                raise ValidationError(_("Choose a meeting of the Executive Committee."))
            action = confirm.Irreversible(
                title=_("Put “%(scenario)s” before the Executive Committee")
                % {"scenario": scenario},
                consequence=_(
                    "The scenario is frozen: nobody can change it while the committee considers "
                    "it. Publishing it is the committee's decision."
                ),
                button=_("Freeze and put on the agenda"),
                cancel_url=scenario.get_absolute_url(),
                facts=[(_("Meeting"), str(meeting))],
            )
            if not confirm.confirmed(request):
                return confirm.ask(request, action)
            services.scenario_submit(scenario=scenario, actor=request.user, meeting=meeting)
            messages.success(request, _("The scenario is on the agenda of %(m)s.") % {"m": meeting})
            return redirect(meeting.get_absolute_url())
        else:
            raise ValidationError(_("Nothing to do."))
    except ValidationError as error:
        messages.error(request, error_text(error))
        return None
    return redirect(scenario)


@login_required
def compare(request):
    _check_reader(request.user)
    visible = list(selectors.scenarios_visible_to(request.user))
    try:
        ids = parse_compare_ids(request.GET.get("ids") or ",".join(request.GET.getlist("id")))
    except ValidationError as error:
        messages.error(request, error_text(error))
        ids = []
    chosen = [s for s in visible if s.pk in ids]
    compared = selectors.comparison(chosen) if chosen else []
    order = {pk: index for index, pk in enumerate(ids)}
    compared.sort(key=lambda f: order.get(f.scenario.pk, 0))
    programmes = compared[0].programmes if compared else []
    return render(
        request,
        "planning/compare.html",
        {
            "scenarios": visible,
            "compared": compared,
            "programmes": programmes,
            "ids": ids,
            "max": COMPARE_MAX,
        },
    )


def _money(value):
    return f"{value / 1_000_000:.1f}M"


def _dependency_post(request):
    try:
        if "remove_dependency" in request.POST:
            raw = request.POST.get("remove_dependency", "")
            dependency = (
                ProjectDependency.objects.select_related("project", "requires")
                .filter(pk=as_id(raw))
                .first()
                if as_id(raw)
                else None
            )
            if dependency is None:
                raise ValidationError(_("No such dependency."))
            services.dependency_remove(actor=request.user, dependency=dependency)
            messages.success(request, _("The dependency was removed."))
        else:
            form = forms.DependencyForm(request.POST)
            if not form.is_valid():
                raise ValidationError(_("Choose two projects."))
            services.dependency_add(actor=request.user, **form.cleaned_data)
            messages.success(request, _("The dependency was recorded."))
    except ValidationError as error:
        messages.error(request, error_text(error))
    return redirect(request.get_full_path())


@login_required
def frontier(request):
    _check_planner(request.user)
    if request.method == "POST" and (
        "dependency" in request.POST or "remove_dependency" in request.POST
    ):
        return _dependency_post(request)
    form = forms.FrontierForm(request.GET or None)
    params = form.cleaned_data if form.is_bound and form.is_valid() else {}
    year = clock.today().year
    first = params.get("first_year") or year
    last = params.get("last_year") or (params.get("first_year") or year) + 2
    result = portfolio_frontier(
        first_year=first,
        last_year=last,
        low=params.get("low"),
        high=params.get("high"),
        steps=params.get("steps") or 12,
    )
    if request.method == "POST":
        return _start_from_point(request, result)
    years = list(range(first, last + 1))
    marks = []
    current_cost = sum(
        (c.cost_in(years) for c in result.candidates.values() if c.is_running), Decimal(0)
    )
    current_value = sum(
        (c.value or 0 for c in result.candidates.values() if c.is_running), Decimal(0)
    )
    marks.append((_("Current portfolio"), current_cost, current_value, "C"))
    saved = []
    scenarios = [
        s
        for s in selectors.scenarios_visible_to(request.user)
        if s.first_year == first and s.last_year == last
    ][:9]
    if scenarios:
        for index, figures in enumerate(selectors.comparison(scenarios), start=1):
            marks.append((str(figures.scenario), figures.total_cost, figures.total_value, index))
            saved.append((index, figures))
    chart = xy_chart(
        [(_money(p.cost), p.cost, p.value) for p in result.points],
        marks,
        title=_("Efficient frontier: value against cost, %(first)s-%(last)s")
        % {"first": first, "last": last},
        x_title=_("cost (USD)"),
        y_title=_("value score"),
        x_text=_money,
        y_text=lambda v: f"{v:.0f}",
    )
    return render(
        request,
        "planning/frontier.html",
        {
            "form": form,
            "result": result,
            "chart": chart,
            "current": (current_cost, current_value),
            "saved": saved,
            "first": first,
            "last": last,
            "query": request.GET.urlencode(),
            "dependency_form": forms.DependencyForm(),
            "dependencies": ProjectDependency.objects.select_related(
                "project", "requires"
            ).order_by("project_id", "requires_id"),
        },
    )


def _start_from_point(request, result):
    try:
        index = int(request.POST.get("point", ""))
        point = result.points[index]
    except (ValueError, IndexError):
        messages.error(request, _("Choose a point of the frontier."))
        return redirect(request.get_full_path())
    name = (request.POST.get("name") or "").strip() or _("Frontier at USD %(cost)s") % {
        "cost": f"{point.cost:,.0f}"
    }
    chosen = set(point.keys)
    choices = {
        c.project: (
            Choice.FUND if c.pk in chosen else (Choice.STOP if c.is_running else Choice.DEFER)
        )
        for c in result.candidates.values()
    }
    try:
        scenario = services.scenario_create(
            actor=request.user,
            name=name[:200],
            first_year=result.first_year,
            last_year=result.last_year,
            description=_("Started from the efficient frontier at a budget of USD %(b)s.")
            % {"b": f"{point.budget:,.0f}"},
            choices=choices,
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return redirect(request.get_full_path())
    messages.success(request, _("The scenario was started from the frontier."))
    return redirect(scenario)


# --------------------------------------------------------------------------- rebalancing
def table_years(first, last):
    """The years the rebalancing page shows: ``first``..``last`` as typed (at most
    ``TABLE_MAX_YEARS``), or this year and the next two. Returns (years, error or None)."""
    year = clock.today().year
    default = list(range(year, year + 3))
    if first in (None, "") and last in (None, ""):
        return default, None
    first_year = as_int(first, minimum=2000, maximum=2100)
    last_year = as_int(last, minimum=2000, maximum=2100) if last not in (None, "") else first_year
    if first_year is None or last_year is None or last_year < first_year:
        return default, _("Give the years as a first and a last year between 2000 and 2100.")
    if last_year - first_year + 1 > TABLE_MAX_YEARS:
        return default, _("Show at most %(n)s years at once.") % {"n": TABLE_MAX_YEARS}
    return list(range(first_year, last_year + 1)), None


def _rebalancing_form(request, user, data=None):
    years = services.rebalancing_years()
    year = as_int(request.GET.get("year"), minimum=years[0], maximum=years[-1]) or years[0]
    return forms.RebalancingForm(
        data,
        programmes=Programme.objects.order_by("order"),
        years=years,
        meetings=executive_meetings(user),
        current=selectors.set_envelopes([year]),
        initial={"year": year},
    )


@login_required
def envelopes(request):
    """Per programme and year: the envelope the Executive Committee set (and its decision),
    the money committed, the money awaiting a decision and the headroom; and, for whoever
    prepares the committee's business, the form proposing ONE rebalancing of a year."""
    _check_reader(request.user)
    can_propose = permissions.can_propose_rebalancing(request.user)
    form, status = None, 200
    if request.method == "POST":
        if not can_propose:
            raise PermissionDenied
        form = _rebalancing_form(request, request.user, request.POST)
        response = _rebalancing_post(request, form)
        if response is not None:
            return response
        status = 400
    elif can_propose:
        form = _rebalancing_form(request, request.user)
    years, error = table_years(request.GET.get("first_year"), request.GET.get("last_year"))
    if error:
        messages.error(request, error)
    table = selectors.envelope_table(years)
    return render(
        request,
        "planning/envelopes.html",
        {
            "table": table,
            "form": form,
            "first_year": years[0],
            "last_year": years[-1],
        },
        status=status,
    )


def _rebalancing_post(request, form):
    """Check, confirm, propose; ``None`` to show the page again with the form's errors."""
    if not form.is_valid():
        messages.error(request, _("Check the rebalancing: see the fields marked."))
        return None
    data = form.cleaned_data
    try:
        changes = services.rebalancing_check(
            actor=request.user,
            year=data["year"],
            amounts=form.amounts(),
            rationale=data["rationale"],
        )
    except ValidationError as error:
        messages.error(request, error_text(error))
        return None
    meeting = form.chosen_meeting()
    committed = selectors.envelope_table([data["year"]]).rows
    facts = [(_("Year"), str(data["year"]))]
    for programme, (before, after) in changes.items():
        text = _("USD %(before)s → USD %(after)s") % {
            "before": "–" if before is None else f"{before:,.0f}",
            "after": f"{after:,.0f}",
        }
        spent = committed[(programme.pk, data["year"])].committed
        if after < spent:
            text += " " + _(
                "(below the USD %(committed)s already committed: a shortfall of USD %(short)s)"
            ) % {"committed": f"{spent:,.0f}", "short": f"{spent - after:,.0f}"}
        facts.append((programme.name, text))
    facts.append(
        (
            _("Before the Executive Committee"),
            str(meeting)
            if meeting
            else _("Written procedure until %(deadline)s")
            % {"deadline": data["deadline"].strftime("%Y-%m-%d %H:%M")},
        )
    )
    action = confirm.Irreversible(
        title=_("Put a rebalancing of %(year)s before the Executive Committee")
        % {"year": data["year"]},
        consequence=_(
            "The proposal is recorded and put to the committee as it stands: nobody can change "
            "it while the committee considers it. If the committee approves it, every envelope "
            "above is set at once."
        ),
        button=_("Put before the Executive Committee"),
        cancel_url=reverse("planning:envelopes"),
        facts=facts,
    )
    if not confirm.confirmed(request):
        return confirm.ask(request, action, form=form)
    try:
        item = services.rebalancing_propose(
            actor=request.user,
            year=data["year"],
            amounts=form.amounts(),
            rationale=data["rationale"],
            meeting=meeting,
            deadline=None if meeting else data["deadline"],
        )
    except (ValidationError, rights.RightsError) as error:
        return confirm.ask(request, action, form=form, errors=[error_text(error)], status=409)
    messages.success(
        request,
        _("The rebalancing of %(year)s is before the Executive Committee.")
        % {"year": data["year"]},
    )
    return redirect(reverse("governance:item", args=[item.pk]))
