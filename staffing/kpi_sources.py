"""The KPI source staffing offers: ICT staff by Annex IV category (registered in
``staffing.apps``), counted like the Annex IV report."""

from .choices import CATEGORIES
from .selectors import staffing_summary

TOTALS = ("international", "total")


def headcount(*, start, end, owner=None, category="total"):
    """ICT staff in ``category`` (an Annex IV category, ``international`` or ``total``) on
    the period's last day: each unit's latest snapshot then; for an ICT unit's KPI (``owner``
    is the unit's code), that unit's. ``None`` without a snapshot, for a programme's KPI, or
    for a category that does not exist."""
    if category not in (*CATEGORIES, *TOTALS):
        return None
    if owner is not None and not isinstance(owner, str):
        return None
    summary = staffing_summary(end)
    if owner is None:
        return summary["totals"][category] if summary["rows"] else None
    row = next((r for r in summary["rows"] if r["unit"] == owner), None)
    return None if row is None else row[category]
