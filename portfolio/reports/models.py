"""Quarterly portfolio reports and the runs that build them.

A report's workbook and CSV archive are stored in the database beside its figures, so the row,
its figures and its files are written in one transaction (a worker killed mid-run leaves
nothing half-written) and every process (web, worker) reads the same bytes.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock

from .choices import ACTIVE_STATES, RunState
from .quarters import Quarter, validate_quarter


class QuarterlyReportQuerySet(models.QuerySet):
    def current(self):
        return self.filter(is_current=True)

    def without_payload(self):
        """For lists: the figures and files stay in the database."""
        return self.defer("figures", "workbook", "csv_archive")


class QuarterlyReport(models.Model):
    quarter = models.CharField(
        _("quarter"), max_length=7, validators=[validate_quarter], db_index=True
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    is_current = models.BooleanField(
        _("current"),
        default=True,
        help_text=_(
            "The report shown for the quarter; a regenerated report replaces it and "
            "the older one is kept."
        ),
    )
    figures = models.JSONField(_("figures"), default=dict)
    workbook = models.BinaryField(_("XLSX workbook"), editable=False)
    csv_archive = models.BinaryField(_("CSV files (ZIP)"), editable=False)
    generated_at = models.DateTimeField(_("generated at"), default=clock.now)

    objects = QuarterlyReportQuerySet.as_manager()

    class Meta:
        ordering = ["-quarter", "-generated_at", "-pk"]
        verbose_name = _("quarterly report")
        verbose_name_plural = _("quarterly reports")
        constraints = [
            models.UniqueConstraint(
                fields=["quarter"],
                condition=Q(is_current=True),
                name="one_current_report_per_quarter",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="report_period_ordered",
            ),
        ]

    def __str__(self):
        return _("Portfolio report %(quarter)s") % {"quarter": self.quarter}

    def get_absolute_url(self):
        return reverse("reports:report", args=[self.pk])

    @property
    def quarter_obj(self):
        return Quarter.parse(self.quarter)

    @property
    def workbook_filename(self):
        return f"portfolio-report-{self.quarter}.xlsx"

    @property
    def csv_filename(self):
        return f"portfolio-report-{self.quarter}-csv.zip"


class ReportRun(models.Model):
    """One request to build a quarter's report, and what became of it (NetBox's jobs)."""

    quarter = models.CharField(_("quarter"), max_length=7, validators=[validate_quarter])
    regenerate = models.BooleanField(
        _("regenerate"),
        default=False,
        help_text=_("Build a new report even if the quarter has one (the older is kept)."),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=RunState.choices, default=RunState.QUEUED
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the schedule asked for it."),
    )
    queued_at = models.DateTimeField(_("queued at"), default=clock.now)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    error = models.TextField(_("error"), blank=True)
    task_id = models.CharField(_("Celery task id"), max_length=64, blank=True)
    step = models.CharField(_("step"), max_length=64, blank=True)
    heartbeat_at = models.DateTimeField(
        _("last sign of life"),
        null=True,
        blank=True,
        help_text=_(
            "When the run was last sent to the workers or a worker last reported progress; "
            "a run silent for minutes is sent again."
        ),
    )
    report = models.ForeignKey(
        QuarterlyReport,
        verbose_name=_("report"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="runs",
    )

    class Meta:
        ordering = ["-queued_at", "-pk"]
        verbose_name = _("report run")
        verbose_name_plural = _("report runs")
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=RunState.values), name="report_run_state_valid"
            ),
            models.CheckConstraint(
                condition=~Q(state=RunState.DONE) | Q(report__isnull=False),
                name="done_run_has_report",
            ),
        ]

    def __str__(self):
        return f"{self.quarter} ({self.get_state_display()})"

    def get_absolute_url(self):
        return reverse("reports:run", args=[self.pk])

    @property
    def is_active(self):
        return self.state in ACTIVE_STATES

    @property
    def duration(self):
        if self.started_at and self.finished_at:
            return self.finished_at - self.started_at
        return None
