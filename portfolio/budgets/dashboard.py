"""Budget panels of the home page: a local ICT chief's (or delegate's) units, with the budget,
staffing and status reports due, and the OICT reviewer's queue."""

from django.urls import reverse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

from core import clock
from core.dashboard import Count, Entry, Panel
from governance import rights
from portfolio import selectors as portfolio_selectors
from portfolio.choices import ProjectState
from staffing import selectors as staffing_selectors

from . import permissions, selectors


def panels(user):
    # The ids are the request's (the menu asked already): most people prepare no unit's figures.
    units = (
        list(rights.preparer_units(user).order_by("name")) if rights.preparer_unit_ids(user) else []
    )
    if units:
        yield unit_panel(user, units)
    if permissions.can_review(user):
        yield review_panel(user)


def unit_panel(user, units):
    cycle = selectors.current_cycle()
    submissions = {}
    if cycle is not None:
        submissions = {
            s.unit_id: s
            for s in selectors.with_total(
                selectors.visible_submissions(user).filter(unit__in=units, cycle=cycle)
            )
        }
    due = {unit_id for _cycle, unit_id in selectors.due_for(user)}
    staff = {row.unit_id: row for row in staffing_selectors.latest_snapshots_for(units)}
    today = clock.today()
    managed = [
        project
        for project in portfolio_selectors.pipeline(user, state=ProjectState.IN_DELIVERY).filter(
            project_manager=user
        )
        if portfolio_selectors.is_overdue(project, today)
    ]
    entries = []
    for unit in units:
        submission = submissions.get(unit.pk)
        if submission is not None:
            budget = _("budget %(state)s, USD %(total)s") % {
                "state": submission.get_state_display().lower(),
                "total": number_format(submission.total, decimal_pos=0, force_grouping=True),
            }
            url = reverse("budgets:submission", args=[submission.pk])
        else:
            budget = _("budget not started")
            url = reverse("budgets:my_unit")
        notes = [budget]
        if unit.pk in due and cycle is not None:
            notes.append(
                _("due by %(date)s") % {"date": date_format(cycle.closes_on, "DATE_FORMAT")}
            )
        if staffing_selectors.snapshot_is_due(staff.get(unit.pk), today):
            notes.append(_("staffing snapshot due"))
        entries.append(Entry(str(unit), url, "; ".join(notes)))
    for project in managed:
        entries.append(
            Entry(
                f"{project.reference} {project.title}",
                reverse("portfolio:status_report_new", args=[project.pk]),
                _("status report overdue"),
            )
        )
    return Panel(
        key="my-unit",
        title=_("My ICT unit"),
        order=15,
        intro=_("Budget cycle: %(cycle)s.") % {"cycle": cycle} if cycle else "",
        counts=[
            Count(_("Budgets due"), len(due), reverse("budgets:my_unit")),
            Count(
                _("Staffing snapshots due"),
                sum(
                    1
                    for unit in units
                    if staffing_selectors.snapshot_is_due(staff.get(unit.pk), today)
                ),
                reverse("staffing:snapshot_new"),
            ),
            Count(_("Status reports overdue"), len(managed)),
        ],
        entries=entries,
        more_url=reverse("budgets:my_unit"),
        more_label=_("My ICT unit"),
    )


def review_panel(user):
    queue = selectors.review_queue(user)
    return Panel(
        key="budget-review",
        title=_("Budgets to review"),
        order=16,
        counts=[
            Count(
                _("Submissions waiting for review"), queue.count(), reverse("budgets:review_queue")
            )
        ],
    )
