from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock
from core.records import AppendOnlyManager

from .choices import EDITABLE_STATES, Action, Category, Source, SubmissionState


class BudgetCycle(models.Model):
    """A budget period (a biennium, say) with its window for submissions."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=100)
    first_year = models.PositiveSmallIntegerField(_("first year"))
    last_year = models.PositiveSmallIntegerField(_("last year"))
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(
        _("due date"), help_text=_("The day units' budgets are due: the cycle's window ends then.")
    )
    closed_at = models.DateTimeField(
        _("closed at"),
        null=True,
        blank=True,
        help_text=_("Once closed, units no longer start, change or send budgets for the cycle."),
    )

    class Meta:
        ordering = ["-first_year"]
        verbose_name = _("budget cycle")
        verbose_name_plural = _("budget cycles")
        constraints = [
            models.CheckConstraint(
                condition=Q(last_year__gte=models.F("first_year")), name="cycle_years_ordered"
            ),
            models.CheckConstraint(
                condition=Q(closes_on__gte=models.F("opens_on")), name="cycle_dates_ordered"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.first_year and self.last_year and self.last_year < self.first_year:
            raise ValidationError({"last_year": _("The last year cannot precede the first.")})
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("The cycle cannot close before it opens.")})

    @property
    def is_closed(self):
        return self.closed_at is not None

    @property
    def years(self):
        return list(range(self.first_year, self.last_year + 1))


class BudgetSubmission(models.Model):
    """One ICT unit's budget for one cycle. ``version`` grows with every change (no lost update)."""

    cycle = models.ForeignKey(
        BudgetCycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="submissions"
    )
    unit = models.ForeignKey(
        "governance.OrganisationUnit",
        verbose_name=_("unit"),
        on_delete=models.PROTECT,
        related_name="budget_submissions",
    )
    state = models.CharField(
        _("state"), max_length=16, choices=SubmissionState.choices, default=SubmissionState.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = clock.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = clock.DateTimeField(_("updated at"), auto_now=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)

    class Meta:
        ordering = ["cycle", "unit__name"]
        verbose_name = _("budget submission")
        verbose_name_plural = _("budget submissions")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "unit"], name="budget_submission_unique"),
            models.CheckConstraint(
                condition=Q(state__in=SubmissionState.values), name="budget_submission_state_valid"
            ),
        ]

    def __str__(self):
        return f"{self.unit} – {self.cycle}"

    def get_absolute_url(self):
        return reverse("budgets:submission", args=[self.pk])

    @property
    def is_editable(self):
        return self.state in EDITABLE_STATES


class BudgetLine(models.Model):
    """An amount for one category, source of funds and year of the cycle."""

    submission = models.ForeignKey(
        BudgetSubmission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="lines",
    )
    category = models.CharField(_("category"), max_length=32, choices=Category.choices)
    source = models.CharField(_("source of funds"), max_length=32, choices=Source.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(
        _("amount (USD)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )
    justification = models.TextField(_("justification"), blank=True)
    initiative = models.ForeignKey(
        "programmes.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )

    class Meta:
        ordering = ["year", "category", "source"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.UniqueConstraint(
                fields=["submission", "category", "source", "year"], name="budget_line_unique"
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="budget_line_amount_positive"),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="budget_line_category_valid"
            ),
            models.CheckConstraint(
                condition=Q(source__in=Source.values), name="budget_line_source_valid"
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} / {self.get_source_display()} / {self.year}"

    @property
    def key(self):
        return (self.category, self.source, self.year)


class BudgetSubmissionEvent(models.Model):
    """The history of a submission: one row per change, written by the service that made it."""

    submission = models.ForeignKey(
        BudgetSubmission,
        verbose_name=_("submission"),
        on_delete=models.CASCADE,
        related_name="events",
    )
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    from_state = models.CharField(_("from state"), max_length=16, blank=True)
    to_state = models.CharField(_("to state"), max_length=16, blank=True)
    version = models.PositiveIntegerField(_("version after"))
    comment = models.TextField(_("comment"), blank=True)
    changes = models.JSONField(_("changes"), default=list, blank=True)
    created_at = clock.DateTimeField(_("at"), auto_now_add=True)

    objects = AppendOnlyManager()

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("submission history entry")
        verbose_name_plural = _("submission history")

    def __str__(self):
        return f"{self.submission} – {self.get_action_display()} (v{self.version})"
