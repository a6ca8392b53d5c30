"""Reads of budgets, restricted to what the user may see; all totals computed in the database."""

from decimal import Decimal

from django.db.models import DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.http import Http404

from core import clock
from governance import rights

from . import permissions
from .choices import REVIEW_QUEUE_STATES, Action, Category, Source, SubmissionState
from .models import BudgetCycle, BudgetLine, BudgetSubmission

ZERO = Value(Decimal("0"), output_field=DecimalField(max_digits=16, decimal_places=2))

#: Which submissions a consolidation counts.
BASIS_SUBMITTED = "submitted"  # every submission past draft
BASIS_APPROVED = "approved"
BASES = (BASIS_SUBMITTED, BASIS_APPROVED)


def visible_submissions(user):
    queryset = BudgetSubmission.objects.select_related("cycle", "unit")
    if permissions.sees_all_budgets(user):
        return queryset
    return queryset.filter(unit__in=rights.preparer_unit_ids(user))


def get_submission(user, pk):
    submission = visible_submissions(user).filter(pk=pk).first()
    if submission is None:
        raise Http404("No such submission")
    return submission


def with_total(queryset):
    total = (
        BudgetLine.objects.filter(submission=OuterRef("pk"))
        .values("submission")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return queryset.annotate(total=Coalesce(Subquery(total), ZERO))


def cycles():
    return BudgetCycle.objects.all()


def current_cycle(today=None):
    today = today or clock.today()
    open_now = BudgetCycle.objects.filter(opens_on__lte=today, closes_on__gte=today).first()
    return (
        open_now
        or BudgetCycle.objects.filter(opens_on__lte=today).first()
        or (BudgetCycle.objects.order_by("first_year").first())
    )


def previous_cycle(cycle):
    if cycle is None:
        return None
    return BudgetCycle.objects.filter(last_year__lt=cycle.first_year).order_by("-last_year").first()


def get_cycle(code):
    cycle = BudgetCycle.objects.filter(code=code).first()
    if cycle is None:
        raise Http404("No such cycle")
    return cycle


def submission_lines(submission):
    return submission.lines.select_related("initiative", "project").order_by(
        "year", "category", "source"
    )


def submission_history(submission):
    return submission.events.select_related("actor").order_by("pk")


def reviewer_comments(submission, limit=5):
    """The reviewers' latest comments and reasons for returning, newest first (the editor
    shows them above the lines)."""
    return list(
        submission.events.filter(action__in=[Action.RETURN, Action.COMMENT])
        .exclude(comment="")
        .select_related("actor")
        .order_by("-pk")[:limit]
    )


def previous_submission(submission):
    previous = previous_cycle(submission.cycle)
    if previous is None:
        return None
    return with_total(BudgetSubmission.objects.filter(cycle=previous, unit=submission.unit)).first()


def category_comparison(submission, previous):
    """This submission's totals by category beside the unit's previous-cycle submission's."""
    current = {
        row["category"]: row["total"]
        for row in submission.lines.values("category").annotate(total=Sum("amount"))
    }
    before = (
        {
            row["category"]: row["total"]
            for row in previous.lines.values("category").annotate(total=Sum("amount"))
        }
        if previous
        else {}
    )
    return [
        {
            "name": label,
            "total": current.get(value, Decimal(0)),
            **_change(current.get(value, Decimal(0)), before.get(value) if previous else None),
        }
        for value, label in Category.choices
        if value in current or value in before
    ]


def review_queue(user):
    """Submissions waiting for the reviewer, with the unit's previous-cycle total beside."""
    if not permissions.can_review(user):
        return BudgetSubmission.objects.none()
    previous_total = (
        BudgetLine.objects.filter(
            submission__unit=OuterRef("unit"),
            submission__cycle__last_year__lt=OuterRef("cycle__first_year"),
        )
        .values("submission__cycle__last_year")
        .order_by("-submission__cycle__last_year")
        .annotate(total=Sum("amount"))
        .values("total")[:1]
    )
    return (
        with_total(visible_submissions(user).filter(state__in=REVIEW_QUEUE_STATES))
        .annotate(previous_total=Subquery(previous_total))
        .order_by("submitted_at", "unit__name")
    )


def unit_submissions(user, unit):
    return with_total(visible_submissions(user).filter(unit=unit)).order_by("-cycle__first_year")


def _lines(cycle, basis):
    lines = BudgetLine.objects.filter(submission__cycle=cycle)
    if basis == BASIS_APPROVED:
        return lines.filter(submission__state=SubmissionState.APPROVED)
    return lines.exclude(submission__state=SubmissionState.DRAFT)


def _grouped(lines, *fields):
    return list(lines.values(*fields).annotate(total=Sum("amount")).order_by(*fields))


def consolidation(cycle, *, basis=BASIS_SUBMITTED):
    """The organisation's ICT budget for ``cycle``: a fixed number of queries for any size."""
    previous = previous_cycle(cycle)
    lines = _lines(cycle, basis)
    previous_lines = _lines(previous, basis) if previous else BudgetLine.objects.none()
    by_unit = _grouped(
        lines,
        "submission__unit_id",
        "submission__unit__code",
        "submission__unit__name",
        "submission__state",
    )
    previous_by_unit = {
        row["submission__unit_id"]: row["total"]
        for row in _grouped(previous_lines, "submission__unit_id")
    }
    units = [
        {
            "code": row["submission__unit__code"],
            "name": row["submission__unit__name"],
            "state": SubmissionState(row["submission__state"]).label,
            "total": row["total"],
            **_change(row["total"], previous_by_unit.get(row["submission__unit_id"])),
        }
        for row in by_unit
    ]
    by_category = {row["category"]: row["total"] for row in _grouped(lines, "category")}
    previous_by_category = {r["category"]: r["total"] for r in _grouped(previous_lines, "category")}
    categories = [
        {
            "code": value,
            "name": label,
            "total": by_category.get(value, Decimal(0)),
            **_change(by_category.get(value, Decimal(0)), previous_by_category.get(value)),
        }
        for value, label in Category.choices
    ]
    by_source = {row["source"]: row["total"] for row in _grouped(lines, "source")}
    sources = [
        {"code": value, "name": label, "total": by_source.get(value, Decimal(0))}
        for value, label in Source.choices
    ]
    by_year = {row["year"]: row["total"] for row in _grouped(lines, "year")}
    years = [{"year": year, "total": by_year.get(year, Decimal(0))} for year in cycle.years]
    matrix = _grouped(lines, "category", "source")
    programmes = [
        {"code": row["programme_code"], "name": row["programme_name"], "total": row["total"]}
        for row in lines.filter(Q(project__isnull=False) | Q(initiative__isnull=False))
        .values(programme_code=_programme("code"), programme_name=_programme("name"))
        .annotate(total=Sum("amount"))
        .order_by("programme_code")
    ]
    total = sum((row["total"] for row in units), Decimal(0))
    previous_total = sum(previous_by_unit.values(), Decimal(0)) if previous else None
    return {
        "cycle": cycle,
        "previous_cycle": previous,
        "basis": basis,
        "units": units,
        "categories": categories,
        "sources": sources,
        "years": years,
        "matrix": {(row["category"], row["source"]): row["total"] for row in matrix},
        "programmes": programmes,
        "unlinked_total": total - sum((p["total"] for p in programmes), Decimal(0)),
        "total": total,
        **_change(total, previous_total),
    }


def _programme(field):
    # A line's programme is its project's, else its initiative's.
    return Coalesce(F(f"project__programme__{field}"), F(f"initiative__programme__{field}"))


def _change(current, previous):
    if previous is None:
        return {"previous": None, "change": None, "change_percent": None}
    change = current - previous
    percent = (change * 100 / previous).quantize(Decimal("0.1")) if previous else None
    return {"previous": previous, "change": change, "change_percent": percent}


def export_rows(cycle, *, basis=BASIS_SUBMITTED):
    """Unit x category x source x year totals for the CSV and XLSX exports (one query)."""
    return (
        _lines(cycle, basis)
        .values(
            "submission__unit__code",
            "submission__unit__name",
            "submission__state",
            "category",
            "source",
            "year",
        )
        .annotate(total=Sum("amount"))
        .order_by("submission__unit__name", "year", "category", "source")
    )


def due_for(user, today=None):
    """What the user's units owe: a submission for the open cycle, not yet sent."""
    today = today or clock.today()
    cycle = BudgetCycle.objects.filter(
        opens_on__lte=today, closes_on__gte=today, closed_at__isnull=True
    ).first()
    if cycle is None:
        return []
    unit_ids = rights.preparer_unit_ids(user)
    sent = set(
        BudgetSubmission.objects.filter(cycle=cycle, unit__in=unit_ids)
        .exclude(state__in=[SubmissionState.DRAFT, SubmissionState.RETURNED])
        .values_list("unit_id", flat=True)
    )
    return [(cycle, unit_id) for unit_id in unit_ids if unit_id not in sent]
