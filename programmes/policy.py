"""What this app needs to know from the apps above it, and how they tell it.

``programmes`` is the lowest app: it imports none of the others. Yet who may define KPIs or
update the implementation plan (OICT), who may enter an ICT unit's figures (its chief), which
codes name ICT units, and where the audit trail is written all live in ``governance``. So
governance sets a ``Policy`` here when Django starts (``governance.performance.apps``), and the
services, selectors and views of this app ask it::

    from programmes.policy import policy
    if not policy().manages_performance(user): ...

Without a policy set, the defaults refuse and hide: nobody manages anything, no unit's KPI is
shown, and a write fails loudly rather than go unaudited.
"""

from django.core.exceptions import ImproperlyConfigured

#: ``unit_codes_visible_to`` returns this when the user sees every unit
ALL_UNITS = None


class Policy:
    """The interface, with the safe defaults. Governance subclasses it."""

    def audit(self, *, actor, action, target, summary="", **data):
        """Write the audit record of a change, in the caller's transaction."""
        raise ImproperlyConfigured(
            "No audit writer: programmes' writes need governance's policy (INSTALLED_APPS)."
        )

    def manages_performance(self, user):
        """Whether ``user`` defines KPIs, enters the organisation's and programmes' figures,
        runs the computations and updates the implementation plan (OICT's strategy staff)."""
        return False

    def unit_codes_visible_to(self, user):
        """The codes of the ICT units whose KPIs ``user`` may see, or ``ALL_UNITS``."""
        return frozenset()

    def unit_codes_recorded_by(self, user):
        """The codes of the ICT units whose hand-entered figures ``user`` may enter."""
        return frozenset()

    def unit_names(self):
        """ICT unit code -> name, for every ICT unit (one query)."""
        return {}


_current = [Policy()]


def policy():
    return _current[0]


def set_policy(new):
    """Install ``new`` (a ``Policy``); returns the previous one (tests restore it)."""
    previous = _current[0]
    _current[0] = new
    return previous
