"""What-if scenarios over the portfolio: funding choices per project and envelopes per
programme and year. Nothing here changes a project: only publishing a scenario, an Executive
Committee decision, does, through the portfolio's services (``planning.services``)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock
from governance.choices import Outcome

from .choices import MAX_YEARS, Choice, ScenarioKind, ScenarioState

MONEY = {"max_digits": 14, "decimal_places": 2}


class Scenario(models.Model):
    """A named, versioned set of funding choices for one or more years.

    A new version is a copy (``based_on``) with the same name and the next number; a version
    before the Executive Committee or decided never changes again.
    """

    name = models.CharField(_("name"), max_length=200)
    number = models.PositiveIntegerField(_("version"), default=1)
    based_on = models.ForeignKey(
        "self",
        verbose_name=_("based on"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="versions",
    )
    description = models.TextField(_("description"), blank=True)
    first_year = models.PositiveSmallIntegerField(
        _("first year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    last_year = models.PositiveSmallIntegerField(
        _("last year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ScenarioState.choices, default=ScenarioState.DRAFT
    )
    kind = models.CharField(
        _("kind"), max_length=12, choices=ScenarioKind.choices, default=ScenarioKind.SCENARIO
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now)
    decision_id = models.PositiveBigIntegerField(_("governance decision"), null=True, blank=True)

    class Meta:
        ordering = ["name", "-number"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        constraints = [
            models.UniqueConstraint(fields=["name", "number"], name="scenario_version"),
            models.CheckConstraint(
                condition=models.Q(last_year__gte=models.F("first_year")),
                name="scenario_years_ordered",
            ),
        ]

    def __str__(self):
        return _("%(name)s, v%(number)s") % {"name": self.name, "number": self.number}

    def get_absolute_url(self):
        return reverse("planning:scenario", args=[self.pk])

    def clean(self):
        if self.first_year and self.last_year:
            if self.last_year < self.first_year:
                raise ValidationError({"last_year": _("The last year comes after the first.")})
            if self.last_year - self.first_year + 1 > MAX_YEARS:
                raise ValidationError(
                    {"last_year": _("A scenario spans at most %(n)s years.") % {"n": MAX_YEARS}}
                )

    @property
    def years(self):
        return list(range(self.first_year, self.last_year + 1))

    @property
    def is_editable(self):
        return self.state == ScenarioState.DRAFT

    # --- governance subject interface (governance/subjects.py) ---------------------------
    def get_deciding_body(self):
        from governance.models import Body

        if self.state != ScenarioState.BEFORE_COMMITTEE:
            return None
        return Body.objects.executive_committee()

    def get_decision_outcomes(self):
        if self.state != ScenarioState.BEFORE_COMMITTEE:
            return []
        return [Outcome.APPROVED, Outcome.REJECTED, Outcome.RETURNED]

    def get_subject_version(self):
        return (str(_("scenario v%(number)s") % {"number": self.number}), self.pk)

    # apply_decision and is_visible_to: registered in apps.py (services and selectors).


class ScenarioEnvelope(models.Model):
    """The resources a scenario gives a programme for a year."""

    scenario = models.ForeignKey(
        Scenario, verbose_name=_("scenario"), on_delete=models.CASCADE, related_name="envelopes"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (USD)"), validators=[MinValueValidator(0)], **MONEY)

    class Meta:
        ordering = ["scenario", "year", "programme__order"]
        verbose_name = _("scenario envelope")
        verbose_name_plural = _("scenario envelopes")
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "programme", "year"], name="scenario_envelope_unique"
            ),
        ]

    def __str__(self):
        return f"{self.programme} {self.year}: {self.amount}"


class ScenarioChoice(models.Model):
    """What a scenario does with one project (a project it does not name keeps its default:
    running projects go on, proposals wait)."""

    scenario = models.ForeignKey(
        Scenario, verbose_name=_("scenario"), on_delete=models.CASCADE, related_name="choices"
    )
    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    choice = models.CharField(_("choice"), max_length=8, choices=Choice.choices)
    #: For ``phase``: the share of each year's cost the first phase takes.
    phase_percent = models.PositiveSmallIntegerField(
        _("first phase (% of cost)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(99)],
    )
    priority = models.PositiveIntegerField(_("priority (1 is highest)"), null=True, blank=True)

    class Meta:
        ordering = ["scenario", "priority", "project"]
        verbose_name = _("funding choice")
        verbose_name_plural = _("funding choices")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "project"], name="scenario_choice_unique"),
        ]

    def __str__(self):
        return f"{self.project_id}: {self.get_choice_display()}"

    def clean(self):
        if self.choice == Choice.PHASE and not self.phase_percent:
            raise ValidationError({"phase_percent": _("Say what share the first phase takes.")})
        if self.choice != Choice.PHASE:
            self.phase_percent = None


class ProjectDependency(models.Model):
    """Project ``project`` cannot be funded without ``requires`` (the frontier respects it)."""

    project = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="planning_requires",
    )
    requires = models.ForeignKey(
        "portfolio.Project",
        verbose_name=_("requires"),
        on_delete=models.CASCADE,
        related_name="planning_required_by",
    )

    class Meta:
        verbose_name = _("project dependency")
        verbose_name_plural = _("project dependencies")
        constraints = [
            models.UniqueConstraint(fields=["project", "requires"], name="planning_dependency"),
            models.CheckConstraint(
                condition=~models.Q(project=models.F("requires")), name="planning_no_self_dep"
            ),
        ]

    def __str__(self):
        return f"{self.project_id} → {self.requires_id}"
