"""Scenario states, the funding choices and which projects a scenario plans over."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from portfolio.choices import ProjectState


class ScenarioState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    #: Read-only while the Executive Committee considers it.
    BEFORE_COMMITTEE = "before_committee", _("Before the Executive Committee (frozen)")
    PUBLISHED = "published", _("Published by the Executive Committee")
    NOT_ADOPTED = "not_adopted", _("Not adopted")


class ScenarioKind(models.TextChoices):
    #: Funding choices and envelopes over several years (the planning pages).
    SCENARIO = "scenario", _("Portfolio scenario")
    #: One year's envelopes of every programme, set at once (the rebalancing page).
    REBALANCING = "rebalancing", _("Rebalancing of the envelopes")


class Choice(models.TextChoices):
    FUND = "fund", _("Fund")
    PHASE = "phase", _("Fund a first phase")
    DEFER = "defer", _("Defer")
    STOP = "stop", _("Stop")


#: Projects already funded: a scenario continues them unless it stops them.
RUNNING_STATES = (ProjectState.APPROVED, ProjectState.IN_DELIVERY)
#: Proposals reviewed by the PMO and not yet decided: a scenario funds them or not.
PIPELINE_STATES = (
    ProjectState.ACCEPTED,
    ProjectState.ENDORSED,
    ProjectState.WITH_STEERING_COMMITTEE,
    ProjectState.WITH_EXECUTIVE_COMMITTEE,
    ProjectState.DEFERRED,
)
PLANNED_STATES = RUNNING_STATES + PIPELINE_STATES
#: What a project counts as when the scenario says nothing about it: running projects go
#: on, proposals wait.
FUNDED_CHOICES = (Choice.FUND, Choice.PHASE)
#: At most this many scenarios side by side.
COMPARE_MAX = 4
#: A scenario spans at most this many years.
MAX_YEARS = 10
#: A rebalancing sets the envelopes of this year or one of the next ``REBALANCING_YEARS - 1``.
REBALANCING_YEARS = 5
#: The largest envelope a rebalancing proposes (USD): a typing slip, not a budget, beyond it.
MAX_ENVELOPE = 10_000_000_000
#: The rebalancing page shows at most this many years side by side.
TABLE_MAX_YEARS = 5


def default_choice(state):
    return Choice.FUND if state in RUNNING_STATES else Choice.DEFER
