from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core import confirm
from core.exports import CSV_CONTENT_TYPE, attachment, csv_response, xlsx_response
from core.tables import table_page
from governance.rights import RightsError

from . import exports, permissions, selectors, services
from .choices import SurveyStatus
from .dimensions import BY_KEY, DIMENSIONS
from .forms import CommentFilterForm, ImportForm, ResponseForm, SurveyForm
from .importing import expected_columns
from .models import ResponseImport
from .results import breakdown, chart, summarise
from .tables import SurveyTable

COMMENTS_PER_PAGE = 25


def _require(allowed):
    if not allowed:
        raise PermissionDenied


@login_required
def survey_list(request):
    return table_page(
        request,
        "survey/list.html",
        SurveyTable(selectors.survey_list(request.user)),
        {"can_manage": permissions.can_manage_surveys(request.user)},
    )


@login_required
def survey_create(request):
    _require(permissions.can_manage_surveys(request.user))
    form = SurveyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        survey = services.survey_create(
            actor=request.user,
            title=data["title"],
            introduction=data["introduction"],
            audience=data["audience"],
            opens_on=data["opens_on"],
            closes_on=data["closes_on"],
            target=data["target"],
            topics=data["topics"],
            compare_with=data["compare_with"],
        )
        messages.success(request, _("The survey was created as a draft."))
        return redirect(survey)
    return render(request, "survey/form.html", {"form": form, "survey": None})


@login_required
def survey_edit(request, pk):
    survey = selectors.get_survey(request.user, pk)
    _require(permissions.can_manage_surveys(request.user))
    if survey.status == SurveyStatus.CLOSED:
        messages.error(request, _("A closed survey cannot be changed."))
        return redirect(survey)
    topics_locked = survey.status != SurveyStatus.DRAFT
    form = SurveyForm(request.POST or None, instance=survey, topics_locked=topics_locked)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        # The form validated on a copy; the service re-reads and saves the row itself.
        survey.refresh_from_db()
        try:
            services.survey_update(
                survey=survey,
                actor=request.user,
                topics=None if topics_locked else data["topics"],
                **{name: data[name] for name in services.SURVEY_FIELDS},
            )
        except services.SurveyError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The survey was saved."))
            return redirect(survey)
    return render(request, "survey/form.html", {"form": form, "survey": survey})


@login_required
def survey_detail(request, pk):
    survey = selectors.get_survey(request.user, pk)
    user = request.user
    return render(
        request,
        "survey/detail.html",
        {
            "survey": survey,
            "topics": survey.topics.all(),
            "can_manage": permissions.can_manage_surveys(user),
            "in_audience": permissions.is_in_audience(user, survey),
            "answered": selectors.has_answered(user, survey),
            "sees_topic_results": permissions.can_see_topic_results(user, survey),
            "sees_detailed_results": permissions.can_see_detailed_results(user, survey),
            "events": survey.events.select_related("actor")[:20]
            if permissions.can_manage_surveys(user)
            else [],
        },
    )


@login_required
@require_POST
def survey_transition(request, pk, action):
    survey = selectors.get_survey(request.user, pk)
    _require(permissions.can_manage_surveys(request.user))
    service = {"open": services.survey_open, "close": services.survey_close}[action]
    if action == "close" and not confirm.confirmed(request):
        return confirm.ask(
            request,
            confirm.Irreversible(
                title=_("Close the survey %(title)s") % {"title": survey.title},
                consequence=_(
                    "A closed survey takes no more answers and cannot be reopened or changed; "
                    "its results become visible to those who may read them."
                ),
                button=_("Close the survey"),
                cancel_url=survey.get_absolute_url(),
                facts=((_("Closing date"), survey.closes_on.isoformat()),),
            ),
        )
    try:
        service(survey=survey, actor=request.user)
    except services.SurveyError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request,
            _("The survey is now %(state)s.")
            % {
                "state": SurveyStatus.OPEN.label.lower()
                if action == "open"
                else SurveyStatus.CLOSED.label.lower()
            },
        )
    return redirect(survey)


@login_required
def respond(request, pk):
    survey = selectors.get_survey(request.user, pk)
    user = request.user
    _require(permissions.is_in_audience(user, survey))
    topics = list(survey.topics.all())
    context = {"survey": survey, "topics": topics}
    if selectors.has_answered(user, survey):
        return render(request, "survey/respond_done.html", context)
    if not survey.is_accepting():
        return render(request, "survey/respond_closed.html", context)
    form = ResponseForm(request.POST or None, topics=topics)
    if request.method == "POST" and form.is_valid():
        try:
            services.response_submit(
                survey=survey,
                actor=user,
                ratings=form.ratings(),
                comments=form.comments(),
                dimensions=form.dimensions(),
            )
        except (services.SurveyError, RightsError) as error:
            messages.error(request, str(error))
            return redirect("survey:respond", pk=survey.pk)
        return redirect("survey:thanks", pk=survey.pk)
    context["form"] = form
    return render(request, "survey/respond.html", context)


@login_required
def thanks(request, pk):
    survey = selectors.get_survey(request.user, pk)
    if not selectors.has_answered(request.user, survey):
        return redirect("survey:respond", pk=survey.pk)
    return render(request, "survey/thanks.html", {"survey": survey})


def _compare_with(request, survey):
    wanted = request.GET.get("compare")
    candidates = selectors.comparable_surveys(request.user, survey)
    if wanted == "none":
        return None, candidates
    if wanted:
        for other in candidates:
            if str(other.pk) == wanted:
                return other, candidates
        raise Http404("No such survey to compare with.")
    default = next((s for s in candidates if s.pk == survey.compare_with_id), None)
    return default, candidates


@login_required
def results(request, pk):
    survey = selectors.get_survey(request.user, pk)
    _require(permissions.can_see_topic_results(request.user, survey))
    compare_with, candidates = _compare_with(request, survey)
    summary = summarise(survey, compare_with=compare_with)
    return render(
        request,
        "survey/results.html",
        {
            "survey": survey,
            "summary": summary,
            "chart": chart(summary),
            "candidates": candidates,
            "compare_with": compare_with,
            "dimensions": DIMENSIONS,
            "sees_detailed_results": permissions.can_see_detailed_results(request.user, survey),
        },
    )


@login_required
def results_breakdown(request, pk, dimension):
    survey = selectors.get_survey(request.user, pk)
    _require(permissions.can_see_detailed_results(request.user, survey))
    if dimension not in BY_KEY:
        raise Http404("No such dimension.")
    table = breakdown(survey, dimension)
    return render(
        request,
        "survey/breakdown.html",
        {
            "survey": survey,
            "table": table,
            "dimensions": DIMENSIONS,
            "current": dimension,
        },
    )


@login_required
def comments(request, pk):
    survey = selectors.get_survey(request.user, pk)
    _require(permissions.can_see_detailed_results(request.user, survey))
    topics = list(survey.topics.all())
    form = CommentFilterForm(request.GET or None, topics=topics)
    search, topic, overall = "", None, False
    if form.is_valid():
        search = form.cleaned_data["q"].strip()
        code = form.cleaned_data["topic"]
        overall = code == "overall"
        topic = next((t for t in topics if t.code == code), None)
    found = selectors.comments(survey, search=search, topic=topic, overall=overall)
    page = Paginator(found, COMMENTS_PER_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "survey/comments.html",
        {
            "survey": survey,
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )


@login_required
def export(request, pk, fmt):
    survey = selectors.get_survey(request.user, pk)
    _require(permissions.can_see_detailed_results(request.user, survey))
    name = f"survey-{survey.pk}-results"
    if fmt == "csv":
        return attachment(
            HttpResponse(exports.as_csv(survey), content_type=CSV_CONTENT_TYPE), f"{name}.csv"
        )
    return xlsx_response(f"{name}.xlsx", exports.as_xlsx(survey))


@login_required
def import_responses(request, pk):
    survey = selectors.get_survey(request.user, pk)
    _require(permissions.can_manage_surveys(request.user))
    form = ImportForm(request.POST or None, request.FILES or None)
    checked, result = None, None
    if request.method == "POST" and form.is_valid():
        checked, result = services.response_import_check(
            survey=survey,
            actor=request.user,
            file_name=form.cleaned_data["file"].name,
            content=form.cleaned_data["content"],
        )
    return render(
        request,
        "survey/import.html",
        {
            "survey": survey,
            "form": form,
            "checked": checked,
            "result": result,
            "preview": result.rows[:10] if result else [],
            "topics": list(survey.topics.all()),
            "columns": expected_columns(survey.topics.all()),
            "imports": selectors.imports(survey)[:10],
        },
    )


@login_required
@require_POST
def import_confirm(request, pk, import_pk):
    survey = selectors.get_survey(request.user, pk)
    _require(permissions.can_manage_surveys(request.user))
    response_import = get_object_or_404(ResponseImport, pk=import_pk, survey=survey)
    try:
        services.response_import_apply(response_import=response_import, actor=request.user)
    except services.SurveyError as error:
        messages.error(request, str(error))
        return redirect("survey:import", pk=survey.pk)
    messages.success(
        request, _("%(count)s responses were imported.") % {"count": response_import.row_count}
    )
    return redirect(survey)


@login_required
def import_template(request, pk):
    """A CSV with the columns an import of this survey expects, and one example row."""
    survey = selectors.get_survey(request.user, pk)
    _require(permissions.can_manage_surveys(request.user))
    topics = list(survey.topics.all())
    example = [
        "geneva",
        "professional",
        "2-10",
        "female",
        "unog",
        *("4" for _t in topics),
        "",
        *("" for _t in topics),
    ]
    return csv_response(
        f"survey-{survey.pk}-template.csv",
        [example],
        header=[*expected_columns(topics), *(f"comment_{t.code}" for t in topics)],
    )
