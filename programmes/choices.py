"""The strategy's fixed vocabularies: timeframes, the implementation plan's phases and states,
and what a KPI is (its unit, direction, frequency, owner) and how a measurement stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Timeframe(models.TextChoices):
    NEAR = "near", _("Near term (1-2 years)")
    NEAR_MEDIUM = "near_medium", _("Near to medium term")
    MEDIUM = "medium", _("Medium term (3-5 years)")


# --------------------------------------------------------------------------- implementation plan
class PlanPhase(models.TextChoices):
    """The two phases of Table 4 and paras 70-71."""

    PHASE_1 = "phase_1", _("Phase 1 (July to December 2008)")
    PHASE_2 = "phase_2", _("Phase 2 (January to June 2009)")


class PlanStatus(models.TextChoices):
    PLANNED = "planned", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")


#: from-status -> statuses an item may move to. Done and dropped can be reopened (a mistake, or
#: evidence later found wanting) but only by going back to "in progress".
PLAN_TRANSITIONS = {
    PlanStatus.PLANNED: {PlanStatus.IN_PROGRESS, PlanStatus.DONE, PlanStatus.DROPPED},
    PlanStatus.IN_PROGRESS: {PlanStatus.PLANNED, PlanStatus.DONE, PlanStatus.DROPPED},
    PlanStatus.DONE: {PlanStatus.IN_PROGRESS},
    PlanStatus.DROPPED: {PlanStatus.IN_PROGRESS},
}
#: statuses in which an item is finished: it is never overdue.
CLOSED_PLAN_STATUSES = frozenset({PlanStatus.DONE, PlanStatus.DROPPED})


# --------------------------------------------------------------------------- KPIs
class MeasureUnit(models.TextChoices):
    PERCENT = "percent", _("Percent")
    NUMBER = "number", _("Number")
    USD = "usd", _("US dollars")
    HOURS = "hours", _("Hours")
    DAYS = "days", _("Days")


#: the short symbol shown after a value
UNIT_SYMBOLS = {
    MeasureUnit.PERCENT: "%",
    MeasureUnit.NUMBER: "",
    MeasureUnit.USD: "USD",
    MeasureUnit.HOURS: "h",
    MeasureUnit.DAYS: "d",
}


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class OwnerKind(models.TextChoices):
    ORGANISATION = "organisation", _("The organisation")
    PROGRAMME = "programme", _("A programme")
    UNIT = "unit", _("An ICT unit")


class Origin(models.TextChoices):
    MANUAL = "manual", _("Entered by hand")
    COMPUTED = "computed", _("Computed")


#: the source key of hand-entered KPIs; any other key names a registered source
MANUAL_SOURCE = "manual"


class Standing(models.TextChoices):
    """Where a measured value stands against its target. Pages show the label and a symbol,
    never a colour alone."""

    ON_TARGET = "on_target", _("On target")
    NEAR_TARGET = "near_target", _("Near target")
    OFF_TARGET = "off_target", _("Off target")


STANDING_SYMBOLS = {
    Standing.ON_TARGET: "✓",
    Standing.NEAR_TARGET: "!",
    Standing.OFF_TARGET: "✗",
}
