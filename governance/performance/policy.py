"""Governance's answers to ``programmes.policy``: who manages and sees KPIs, and the audit."""

from programmes.policy import ALL_UNITS, Policy

from .. import rights
from ..audit import audit
from . import units


class GovernancePolicy(Policy):
    def audit(self, *, actor, action, target, summary="", **data):
        return audit(actor=actor, action=action, target=target, summary=summary, **data)

    def manages_performance(self, user):
        # The PMO and the CITO (OICT's strategy execution, para 35(a), (c), (n)).
        return rights.sees_everything(user)

    def unit_codes_visible_to(self, user):
        if not getattr(user, "is_authenticated", False):
            return frozenset()
        if units.sees_all_units(user):
            return ALL_UNITS
        return frozenset(units.units_led_codes(user))

    def unit_codes_recorded_by(self, user):
        if not getattr(user, "is_authenticated", False):
            return frozenset()
        return frozenset(units.units_led_codes(user))

    def unit_names(self):
        return {unit.code: unit.name for unit in units.ict_units()}
