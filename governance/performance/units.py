"""Which units are ICT units, who belongs to OICT, and who sees which unit's performance.

The ICT units monitored under para 46 are the local ICT units of the departments, offices,
commissions, tribunals and missions: the rows of Annex IV. OICT and each unit's chief see the
same scorecard of that unit; the ICT Leadership Council (all chiefs, chaired by the CITO, para
45) sees the view across units.
"""

from .. import rights, roles
from ..models import OrganisationUnit

OICT = "oict"
LEADERSHIP_COUNCIL = "leadership-council"
EXECUTIVE_COMMITTEE = "executive-committee"


def ict_units():
    return OrganisationUnit.objects.filter(annex_iv_row__isnull=False).order_by("annex_iv_row")


def is_oict_staff(user):
    """Whether ``user`` works in OICT or one of its services (cached on the user)."""
    if not getattr(user, "is_authenticated", False):
        return False
    cached = getattr(user, "_is_oict_staff", None)
    if cached is None:
        cached = False
        unit_id = user.organisation_unit_id
        if unit_id is not None:
            rows = list(OrganisationUnit.objects.values_list("pk", "parent_id", "code"))
            parents = {pk: parent for pk, parent, _code in rows}
            codes = {pk: code for pk, _parent, code in rows}
            seen = set()
            while unit_id is not None and unit_id not in seen:
                if codes.get(unit_id) == OICT:
                    cached = True
                    break
                seen.add(unit_id)
                unit_id = parents.get(unit_id)
        user._is_oict_staff = cached
    return cached


def sees_all_units(user):
    """OICT (including the CITO and the PMO) and REST clients see every unit's scorecard."""
    return (
        is_oict_staff(user)
        or rights.sees_everything(user)
        or roles.has_role(user, roles.API_CLIENTS)
    )


def units_led_codes(user):
    cached = getattr(user, "_units_led_codes", None)
    if cached is None:
        cached = set(ict_units().filter(chief=user).values_list("code", flat=True))
        user._units_led_codes = cached
    return cached


def can_see_unit(user, unit):
    return sees_all_units(user) or unit.code in units_led_codes(user)


def can_see_across_units(user):
    """The Leadership Council's view: its members, OICT, Executive Committee members and REST
    clients."""
    if not getattr(user, "is_authenticated", False):
        return False
    if sees_all_units(user):
        return True
    return any(
        seat.body.code in (LEADERSHIP_COUNCIL, EXECUTIVE_COMMITTEE)
        for seat in rights.current_seats(user)
    )
