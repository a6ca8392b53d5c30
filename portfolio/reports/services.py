"""Every write of the reports app: asking for a report, building it, reminding people.

The Celery tasks (``tasks.py``), the views, the API and the admin call these; none of them
sets a run's state.
"""

import datetime
import logging
import os
import time
import traceback
import uuid
from importlib import import_module

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, InterfaceError, OperationalError, models, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from core import clock
from core.jobs import enqueue
from governance.audit import audit
from governance.choices import BodyKind
from governance.models import Membership, User
from governance.notifications import notify
from governance.rights import RightsError

from . import permissions
from .builder import build_figures
from .choices import ACTIVE_STATES, RunState, can_move
from .exports import csv_archive_bytes, workbook_bytes
from .models import QuarterlyReport, ReportRun
from .quarters import Quarter, last_completed

logger = logging.getLogger(__name__)

#: Errors worth another try: the database or the broker went away for a moment.
TRANSIENT_ERRORS = (OperationalError, InterfaceError, ConnectionError, TimeoutError)

#: Test-only hook: while the file this names exists, a run waits at its first checkpoint, so a
#: test can kill the worker in the middle of a run. Never set in a deployment.
BLOCK_FILE_ENV = "REPORTS_TEST_BLOCK_FILE"

#: A run queued longer ago than this and still not done is not reused by a new request (its
#: message may be lost); the new run builds the report and the old one, if it ever runs,
#: finds the report made and just points at it.
STALE_AFTER = datetime.timedelta(hours=2)

#: A queued run not started, or a running run without progress, for this many seconds is sent
#: to the workers again by the beat (``report_runs_requeue``): its message was never sent
#: (broker down) or its worker died. Building twice is harmless: one report is stored.
REQUEUE_AFTER_SECONDS = 180
#: While a run builds, its heartbeat is refreshed at least this often (seconds).
HEARTBEAT_SECONDS = 5


def requeue_after():
    return datetime.timedelta(
        seconds=getattr(settings, "REPORTS_REQUEUE_AFTER_SECONDS", REQUEUE_AFTER_SECONDS)
    )


def _parse_completed_quarter(quarter, today=None):
    quarter = quarter if isinstance(quarter, Quarter) else Quarter.parse(quarter)
    today = today or clock.today()
    if quarter.end >= today:
        raise ValidationError(
            {
                "quarter": _("%(quarter)s has not ended yet; a report covers a completed quarter.")
                % {"quarter": quarter}
            }
        )
    return quarter


def report_request(*, quarter, actor, regenerate=False):
    """Ask for ``quarter``'s report. Returns the current ``QuarterlyReport`` if there is one
    and ``regenerate`` is false, else the ``ReportRun`` that will build it (an active run for
    the same request is reused, so a double click queues one run)."""
    if not permissions.can_request_reports(actor):
        raise RightsError(_("Only the PMO may ask for a quarterly report."))
    quarter = _parse_completed_quarter(quarter)
    return _request(quarter, actor=actor, regenerate=regenerate)


def report_schedule_last_quarter(*, today=None):
    """The beat's request: the quarter that just ended, unless it has a report."""
    quarter = last_completed(today)
    return _request(quarter, actor=None, regenerate=False)


def _request(quarter, *, actor, regenerate):
    with transaction.atomic():
        current = (
            QuarterlyReport.objects.select_for_update()
            .without_payload()
            .filter(quarter=str(quarter), is_current=True)
            .first()
        )
        if current is not None and not regenerate:
            return current
        active = (
            ReportRun.objects.select_for_update()
            .filter(
                quarter=str(quarter),
                state__in=ACTIVE_STATES,
                regenerate=regenerate,
                queued_at__gte=clock.now() - STALE_AFTER,
            )
            .first()
        )
        if active is not None:
            return active
        run = ReportRun.objects.create(
            quarter=str(quarter),
            regenerate=regenerate,
            requested_by=actor,
            task_id=str(uuid.uuid4()),
            heartbeat_at=clock.now(),
        )
        audit(
            actor=actor,
            action="report.request",
            target=run,
            summary=f"{quarter} regenerate={regenerate}",
        )
        transaction.on_commit(lambda: _enqueue(run.pk, run.task_id))
    return run


def _task(name):
    """A task of ``tasks.py``, looked up by name: tasks import services, not the reverse."""
    return getattr(import_module(f"{__package__}.tasks"), name)


def _enqueue(run_id, task_id):
    """Send the run to the workers; with the broker down the run stays queued in the
    database and ``report_runs_requeue`` sends it once the broker is back."""
    enqueue(_task("build_quarterly_report"), args=[run_id], task_id=task_id)


def report_runs_requeue(*, now=None):
    """The beat's sweep: send again every run that is queued but never started, or running
    without a heartbeat, for ``REPORTS_REQUEUE_AFTER_SECONDS``. Returns the runs sent."""
    now = now or clock.now()
    silent_since = now - requeue_after()
    sent = []
    with transaction.atomic():
        runs = list(
            ReportRun.objects.select_for_update(skip_locked=True)
            .filter(state__in=ACTIVE_STATES)
            .filter(models.Q(heartbeat_at__lte=silent_since) | models.Q(heartbeat_at__isnull=True))
            .order_by("pk")
        )
        for run in runs:
            run.heartbeat_at = now
            run.save(update_fields=["heartbeat_at"])
            sent.append(run)
            transaction.on_commit(
                lambda run_id=run.pk, task_id=run.task_id: _enqueue(run_id, task_id)
            )
    for run in sent:
        logger.warning(
            "Report run %s (%s) was silent: sent to the workers again.", run.pk, run.state
        )
    return sent


def _checkpoint(run_id, step):
    ReportRun.objects.filter(pk=run_id).update(step=step, heartbeat_at=clock.now())
    block_file = os.environ.get(BLOCK_FILE_ENV)
    beat = time.monotonic()
    while block_file and os.path.exists(block_file):
        time.sleep(0.2)
        if time.monotonic() - beat > HEARTBEAT_SECONDS:
            ReportRun.objects.filter(pk=run_id).update(heartbeat_at=clock.now())
            beat = time.monotonic()


def _claim(run_id, task_id):
    """Mark the run running (again): a redelivered task starts from scratch."""
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.state == RunState.DONE:
            return run
        if not can_move(run.state, RunState.RUNNING):
            raise ValidationError(f"run {run_id} cannot start from {run.state}")
        run.state = RunState.RUNNING
        run.started_at = clock.now()
        run.heartbeat_at = run.started_at
        run.finished_at = None
        run.attempts += 1
        run.error = ""
        run.step = "started"
        if task_id:
            run.task_id = task_id
        run.save(
            update_fields=[
                "state",
                "started_at",
                "finished_at",
                "attempts",
                "error",
                "step",
                "task_id",
                "heartbeat_at",
            ]
        )
    return run


def report_run_execute(*, run_id, task_id="", final_attempt=True):
    """Build the run's report. Safe to call again for the same run at any point.

    The figures and files are computed outside any transaction; the report, the move of
    ``is_current`` and the run's completion are then written in one transaction with the run
    row locked. A run already done does nothing; a run found running (its worker died) is
    built again from scratch; a second run for a quarter that has a current report, without
    ``regenerate``, just points at that report.
    """
    run = _claim(run_id, task_id)
    if run is None or run.state == RunState.DONE:
        return run.report if run is not None else None
    try:
        quarter = Quarter.parse(run.quarter)
        figures = build_figures(quarter, checkpoint=lambda step: _checkpoint(run.pk, step))
        _checkpoint(run.pk, "files")
        files = {"workbook": workbook_bytes(figures), "csv_archive": csv_archive_bytes(figures)}
        try:
            report = _store(run.pk, quarter, figures, files)
        except IntegrityError:
            # Another run made the quarter's current report between our read and our write.
            report = _store(run.pk, quarter, figures, files)
    except TRANSIENT_ERRORS as exc:
        if final_attempt:
            _fail(run.pk, exc)
        raise
    except Exception as exc:  # a bug or bad data: record it on the run, don't retry
        logger.exception("Quarterly report run %s failed", run.pk)
        _fail(run.pk, exc)
        return None
    return report


def _store(run_id, quarter, figures, files):
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().get(pk=run_id)
        if run.state == RunState.DONE:
            return run.report
        current = (
            QuarterlyReport.objects.select_for_update()
            .without_payload()
            .filter(quarter=str(quarter), is_current=True)
            .first()
        )
        created = current is None or run.regenerate
        if created:
            if current is not None:
                current.is_current = False
                current.save(update_fields=["is_current"])
            report = QuarterlyReport.objects.create(
                quarter=str(quarter),
                period_start=quarter.start,
                period_end=quarter.end,
                is_current=True,
                figures=figures,
                generated_at=clock.now(),
                **files,
            )
        else:
            report = current
        run.state = RunState.DONE
        run.finished_at = clock.now()
        run.report = report
        run.step = "done"
        run.save(update_fields=["state", "finished_at", "report", "step"])
        audit(
            actor=run.requested_by,
            action="report.generate",
            target=report,
            summary=str(quarter),
            run=run.pk,
            created=created,
        )
        if created:
            _notify_ready(report)
    return report


def _fail(run_id, exc):
    with transaction.atomic():
        run = ReportRun.objects.select_for_update().filter(pk=run_id).first()
        if run is None or run.state == RunState.DONE:
            return
        run.state = RunState.FAILED
        run.finished_at = clock.now()
        run.error = "".join(traceback.format_exception_only(type(exc), exc)).strip()[:2000]
        run.save(update_fields=["state", "finished_at", "error"])


def _notify_ready(report):
    members = User.objects.filter(
        pk__in=Membership.objects.current()
        .filter(body__kind=BodyKind.EXECUTIVE_COMMITTEE)
        .values("user_id")
    )
    notify(
        recipients=list(members),
        subject=lambda: (
            _("The portfolio report for %(quarter)s is ready") % {"quarter": report.quarter}
        ),
        body=lambda: (
            _(
                "The PMO's quarterly portfolio report for %(quarter)s (%(start)s to %(end)s) "
                "is ready to read and download."
            )
            % {"quarter": report.quarter, "start": report.period_start, "end": report.period_end}
        ),
        url=reverse("reports:report", args=[report.pk]),
        key=f"reports:ready:{report.pk}",
    )


# --------------------------------------------------------------------------- reminders
def reminders_send(*, today=None):
    """Daily: project managers with an overdue monthly status report, and members with
    votes pending, get one reminder each (at most one a day, whatever calls this)."""
    from governance.selectors import awaiting_vote
    from portfolio.choices import ProjectState
    from portfolio.models import Project
    from portfolio.selectors import delivery_started_subquery, is_overdue, latest_report_subquery

    today = today or clock.today()
    sent = {"status_reports": 0, "votes": 0}
    projects = (
        Project.objects.filter(state=ProjectState.IN_DELIVERY, project_manager__isnull=False)
        .annotate(
            last_period=latest_report_subquery("period"),
            delivery_started=delivery_started_subquery(),
        )
        .select_related("project_manager")
        .order_by("pk")
    )
    overdue_by_manager = {}
    for project in projects:
        if is_overdue(project, today):
            overdue_by_manager.setdefault(project.project_manager, []).append(project)
    for manager, overdue in overdue_by_manager.items():
        with transaction.atomic():
            sent["status_reports"] += len(
                notify(
                    recipients=[manager],
                    subject=lambda: _("Monthly status report overdue"),
                    body=lambda overdue=overdue: (
                        _("A status report is overdue for: %(projects)s.")
                        % {"projects": ", ".join(str(p) for p in overdue)}
                    ),
                    url=overdue[0].get_absolute_url(),
                    key="reminder:status-report",
                    once_per_day=True,
                )
            )
    voters = User.objects.filter(
        pk__in=Membership.objects.current(today).filter(votes=True).values("user_id")
    ).order_by("pk")
    for voter in voters:
        pending = awaiting_vote(voter).count()
        if not pending:
            continue
        with transaction.atomic():
            sent["votes"] += len(
                notify(
                    recipients=[voter],
                    subject=lambda: _("Your vote is awaited"),
                    body=lambda pending=pending: (
                        _("%(n)s decision item(s) await your vote.") % {"n": pending}
                    ),
                    url=reverse("home"),
                    key="reminder:votes",
                    once_per_day=True,
                )
            )
    return sent


def report_build_now(*, quarter, actor=None):
    """Build ``quarter``'s report in this process (demo data, management commands): the same
    run and the same task body as the workers', without a broker."""
    quarter = _parse_completed_quarter(quarter)
    with transaction.atomic():
        run = ReportRun.objects.create(
            quarter=str(quarter),
            requested_by=actor,
            task_id=str(uuid.uuid4()),
            heartbeat_at=clock.now(),
        )
        audit(actor=actor, action="report.request", target=run, summary=f"{quarter} (in-process)")
    _task("build_quarterly_report").apply(args=[run.pk], task_id=run.task_id)
    run.refresh_from_db()
    return run
