"""The strategy (programmes, initiatives, priority areas), its implementation plan, and the
KPIs of its results framework. This app is the lowest of the portal's apps: it imports none
of the others (see ``programmes.policy`` for how they plug in)."""

from .kpis import Kpi, Measurement, standing
from .plan import PlanEvidence, PlanItem
from .strategy import Initiative, Objective, PriorityArea, Programme

__all__ = [
    "Initiative",
    "Kpi",
    "Measurement",
    "Objective",
    "PlanEvidence",
    "PlanItem",
    "PriorityArea",
    "Programme",
    "standing",
]
