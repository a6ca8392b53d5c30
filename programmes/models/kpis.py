"""KPIs and their measurements: the results framework of priority area 3 (paras 17, 35(c), 46).

A KPI belongs to the organisation, a programme or an ICT unit. An ICT unit is named by its
code (``owner_unit``), not by a foreign key: units live in ``governance``, which sits above
this app (governance's bodies already point at programmes), and a foreign key would make the
two apps' models and migrations depend on each other. Governance checks the code when a KPI
is saved through the services and resolves it to the unit for pages (``programmes.policy``).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock

from ..choices import (
    MANUAL_SOURCE,
    UNIT_SYMBOLS,
    Direction,
    Frequency,
    MeasureUnit,
    Origin,
    OwnerKind,
    Standing,
)
from .strategy import PriorityArea, Programme

VALUE = {"max_digits": 16, "decimal_places": 2}


class Kpi(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    indicator = models.SlugField(
        _("indicator"),
        max_length=64,
        help_text=_(
            "What is measured, shared by the KPIs that measure the same thing for different "
            "owners (the Leadership Council view lines the units up by it)."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    definition = models.TextField(_("definition"))
    definition_zh = models.TextField(_("definition (Chinese)"), blank=True)
    measure_unit = models.CharField(
        _("unit of measure"), max_length=16, choices=MeasureUnit.choices
    )
    direction = models.CharField(_("direction"), max_length=8, choices=Direction.choices)
    target = models.DecimalField(_("target"), **VALUE)
    threshold = models.DecimalField(
        _("threshold"),
        help_text=_(
            "A value between the threshold and the target is near target; beyond the "
            "threshold it is off target."
        ),
        **VALUE,
    )
    minimum = models.DecimalField(
        _("lowest valid value"), null=True, blank=True, help_text=_("Empty: no limit."), **VALUE
    )
    maximum = models.DecimalField(
        _("highest valid value"), null=True, blank=True, help_text=_("Empty: no limit."), **VALUE
    )
    owner_kind = models.CharField(_("owner"), max_length=16, choices=OwnerKind.choices)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="kpis",
    )
    owner_unit = models.SlugField(
        _("ICT unit"),
        max_length=64,
        blank=True,
        help_text=_("The code of the ICT unit that owns the KPI."),
    )
    priority_area = models.ForeignKey(
        PriorityArea,
        verbose_name=_("priority area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="kpis",
    )
    frequency = models.CharField(_("frequency"), max_length=16, choices=Frequency.choices)
    source = models.CharField(
        _("source"),
        max_length=64,
        default=MANUAL_SOURCE,
        help_text=_("'manual' (entered by hand) or the key of a registered source."),
    )
    source_params = models.JSONField(_("source parameters"), default=dict, blank=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["owner_kind", "programme__order", "owner_unit", "order", "code"]
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(
                        owner_kind=OwnerKind.ORGANISATION, programme__isnull=True, owner_unit=""
                    )
                    | models.Q(
                        owner_kind=OwnerKind.PROGRAMME, programme__isnull=False, owner_unit=""
                    )
                    | (
                        models.Q(owner_kind=OwnerKind.UNIT, programme__isnull=True)
                        & ~models.Q(owner_unit="")
                    )
                ),
                name="kpi_owner_consistent",
            ),
        ]
        indexes = [models.Index(fields=["owner_kind", "owner_unit"], name="kpi_owner")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:kpi", args=[self.code])

    def clean(self):
        errors = {}
        if self.owner_kind == OwnerKind.PROGRAMME and not self.programme_id:
            errors["programme"] = _("Name the programme that owns the KPI.")
        if self.owner_kind != OwnerKind.PROGRAMME and self.programme_id:
            errors["programme"] = _("Only a programme's KPI names a programme.")
        if self.owner_kind == OwnerKind.UNIT and not self.owner_unit:
            errors["owner_unit"] = _("Name the ICT unit that owns the KPI.")
        if self.owner_kind != OwnerKind.UNIT and self.owner_unit:
            errors["owner_unit"] = _("Only an ICT unit's KPI names a unit.")
        if self.target is not None and self.threshold is not None:
            if self.direction == Direction.HIGHER and self.threshold > self.target:
                errors["threshold"] = _(
                    "When higher is better, the threshold cannot be above the target."
                )
            if self.direction == Direction.LOWER and self.threshold < self.target:
                errors["threshold"] = _(
                    "When lower is better, the threshold cannot be below the target."
                )
        if self.minimum is not None and self.maximum is not None and self.minimum > self.maximum:
            errors["maximum"] = _("The highest valid value cannot be below the lowest.")
        for name in ("target", "threshold"):
            value = getattr(self, name)
            if value is not None and not self.in_range(value) and name not in errors:
                errors[name] = _("It must lie within the valid range of the KPI's values.")
        if errors:
            raise ValidationError(errors)

    # --- reading values ---------------------------------------------------------------------
    @property
    def is_manual(self):
        return self.source == MANUAL_SOURCE

    @property
    def symbol(self):
        return UNIT_SYMBOLS.get(self.measure_unit, "")

    def in_range(self, value):
        value = Decimal(value)
        return (self.minimum is None or value >= self.minimum) and (
            self.maximum is None or value <= self.maximum
        )

    def range_text(self):
        if self.minimum is not None and self.maximum is not None:
            return _("from %(low)s to %(high)s") % {
                "low": _number(self.minimum),
                "high": _number(self.maximum),
            }
        if self.minimum is not None:
            return _("%(low)s or more") % {"low": _number(self.minimum)}
        if self.maximum is not None:
            return _("%(high)s or less") % {"high": _number(self.maximum)}
        return _("any value")


def standing(value, *, target, threshold, direction):
    """Where ``value`` stands against ``target``: on target, near (within the threshold) or
    off target."""
    if value is None:
        return None
    if direction == Direction.LOWER:
        value, target, threshold = -value, -target, -threshold
    if value >= target:
        return Standing.ON_TARGET
    if value >= threshold:
        return Standing.NEAR_TARGET
    return Standing.OFF_TARGET


def _number(value):
    value = Decimal(value)
    return f"{value:f}".rstrip("0").rstrip(".") if "." in f"{value:f}" else f"{value:f}"


class Measurement(models.Model):
    """A KPI's value over one period (a month, quarter or year, by the KPI's frequency).

    The target and threshold in force when it was recorded are kept with it, so a later change
    of target does not rewrite how past periods stood.
    """

    kpi = models.ForeignKey(
        Kpi, verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="measurements"
    )
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    value = models.DecimalField(_("value"), **VALUE)
    target = models.DecimalField(_("target then"), **VALUE)
    threshold = models.DecimalField(_("threshold then"), **VALUE)
    standing = models.CharField(_("standing"), max_length=16, choices=Standing.choices)
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now)

    class Meta:
        ordering = ["kpi", "-period_start"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [
            models.UniqueConstraint(fields=["kpi", "period_start"], name="measurement_period"),
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="measurement_period_order",
            ),
        ]
        indexes = [models.Index(fields=["kpi", "-period_start"], name="measurement_latest")]

    def __str__(self):
        return f"{self.kpi.code} {self.period_start:%Y-%m-%d}: {self.value}"

    @property
    def gap(self):
        """Distance to the target, positive when better than the target."""
        difference = self.value - self.target
        return -difference if self.kpi.direction == Direction.LOWER else difference
