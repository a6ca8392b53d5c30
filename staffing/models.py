from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from core import clock

from .choices import INTERNATIONAL_CATEGORIES, OTHER_CATEGORIES, StaffingAction


def _sum_of(fields):
    expression = F(fields[0])
    for name in fields[1:]:
        expression = expression + F(name)
    return expression


INTERNATIONAL_EXPRESSION = _sum_of(INTERNATIONAL_CATEGORIES)
TOTAL_EXPRESSION = _sum_of(INTERNATIONAL_CATEGORIES + OTHER_CATEGORIES)


class StaffingSnapshotQuerySet(models.QuerySet):
    def with_totals(self):
        return self.annotate(
            international_total=INTERNATIONAL_EXPRESSION, grand_total=TOTAL_EXPRESSION
        )


class Headcount(models.Model):
    """Headcount by Annex IV category. International (D + P + FS + GS) and the grand total are
    derived, never entered."""

    d = models.PositiveIntegerField(_("D"), default=0)
    p = models.PositiveIntegerField(_("P"), default=0)
    fs = models.PositiveIntegerField(_("FS"), default=0)
    gs = models.PositiveIntegerField(_("GS"), default=0)
    local = models.PositiveIntegerField(_("local"), default=0)
    unv = models.PositiveIntegerField(_("UNV"), default=0)
    icc = models.PositiveIntegerField(_("ICC"), default=0)
    contractors = models.PositiveIntegerField(_("contractors"), default=0)

    class Meta:
        abstract = True

    @property
    def international(self):
        return sum(getattr(self, name) for name in INTERNATIONAL_CATEGORIES)

    @property
    def total(self):
        return self.international + sum(getattr(self, name) for name in OTHER_CATEGORIES)


class StaffingSnapshot(Headcount):
    """ICT headcount of one unit on one date, by Annex IV category."""

    unit = models.ForeignKey(
        "governance.OrganisationUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="staffing_snapshots",
    )
    as_of = models.DateField(_("as of"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = clock.DateTimeField(_("created at"), auto_now_add=True)

    objects = StaffingSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-as_of", "unit__annex_iv_row", "unit__name"]
        verbose_name = _("staffing snapshot")
        verbose_name_plural = _("staffing snapshots")
        constraints = [
            models.UniqueConstraint(fields=["unit", "as_of"], name="staffing_snapshot_unique"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.as_of:%Y-%m-%d}"


class StaffingPlan(Headcount):
    """Planned ICT headcount of one unit for one year, by Annex IV category."""

    unit = models.ForeignKey(
        "governance.OrganisationUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="staffing_plans",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = clock.DateTimeField(_("updated at"), auto_now=True)

    objects = StaffingSnapshotQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "unit__annex_iv_row", "unit__name"]
        verbose_name = _("staffing plan")
        verbose_name_plural = _("staffing plans")
        constraints = [
            models.UniqueConstraint(fields=["unit", "year"], name="staffing_plan_unique"),
        ]

    def __str__(self):
        return f"{self.unit} – {self.year}"


class StaffingRound(models.Model):
    """A call on every ICT unit for its headcount as of one date, due by another.

    OICT's budget reviewers open and close rounds (``staffing.services``); while a round is
    open, a unit that has not reported figures as of its date owes them.
    """

    as_of = models.DateField(_("staff as of"), unique=True)
    due_on = models.DateField(_("due date"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), default=clock.now)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-as_of"]
        verbose_name = _("staffing round")
        verbose_name_plural = _("staffing rounds")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due_on__gte=models.F("as_of")), name="staffing_round_due_after"
            ),
        ]

    def __str__(self):
        return _("Staffing as of %(date)s") % {"date": self.as_of.isoformat()}

    def clean(self):
        if self.as_of and self.due_on and self.due_on < self.as_of:
            raise ValidationError({"due_on": _("Figures as of a date are due on or after it.")})


class StaffingEvent(models.Model):
    """Audit trail of staffing figures: who submitted, corrected or imported what."""

    unit = models.ForeignKey(
        "governance.OrganisationUnit",
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="staffing_events",
    )
    action = models.CharField(_("action"), max_length=32, choices=StaffingAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    details = models.JSONField(_("details"), default=dict, blank=True)
    created_at = clock.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("staffing history entry")
        verbose_name_plural = _("staffing history")

    def __str__(self):
        return f"{self.unit} – {self.get_action_display()}"
