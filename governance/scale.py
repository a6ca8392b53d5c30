"""Scale data (``generate_scale_data``): ICT units with their chiefs, users placed in units,
and members of the governance bodies with the guardian rows their memberships give.

Memberships are written in bulk, then each member's permissions are computed by the same
function that runs when a membership is saved (``permissions.sync_body_permissions``), so the
guardian rows are those real use creates.
"""

import datetime

from django.contrib.auth.models import Group

from core.scale import PREFIX

from . import roles
from .choices import BodyKind, MembershipRole, Rights, UnitKind
from .models import Body, Membership, OrganisationUnit, User
from .permissions import sync_body_permissions

STATIONS = ["New York", "Geneva", "Nairobi", "Vienna", "Bangkok", "Addis Ababa", "Santiago"]
UNIT_KINDS = [UnitKind.OFFICE_AWAY, UnitKind.FIELD_MISSIONS, UnitKind.DEPARTMENT, UnitKind.SECTION]
#: Members per body kind (chair and vice-chair included).
SEATS = {
    BodyKind.EXECUTIVE_COMMITTEE: 12,
    BodyKind.STEERING_COMMITTEE: 15,
    BodyKind.ADVISORY_GROUP: 30,
    BodyKind.MEMBER_STATE_GROUP: 25,
}
#: Unusable password: generated people never sign in with one.
NO_PASSWORD = "!scale"


def generate(ctx):
    rng = ctx.rng
    unit_count = ctx.size("ict_units", minimum=10)
    units = ctx.bulk(
        OrganisationUnit,
        (
            OrganisationUnit(
                code=f"{PREFIX}-unit-{n:03d}",
                name=f"ICT unit {n:03d}",
                kind=UNIT_KINDS[n % len(UNIT_KINDS)],
                duty_station=STATIONS[n % len(STATIONS)],
            )
            for n in range(1, unit_count + 1)
        ),
    )
    every_unit = list(OrganisationUnit.objects.order_by("pk"))
    user_count = max(ctx.size("users", minimum=50), unit_count + 100)
    users = ctx.bulk(
        User,
        (
            User(
                username=f"{PREFIX}.user{n:04d}",
                display_name=f"Staff member {n:04d}",
                email=f"{PREFIX}.user{n:04d}@example.org",
                password=NO_PASSWORD,
                # Chiefs first: user n leads generated unit n.
                organisation_unit=units[n - 1] if n <= unit_count else rng.choice(every_unit),
                duty_station=rng.choice(STATIONS),
            )
            for n in range(1, user_count + 1)
        ),
    )
    chiefs = users[:unit_count]
    for unit, chief in zip(units, chiefs, strict=True):
        unit.chief = chief
    OrganisationUnit.objects.bulk_update(units, ["chief"], batch_size=1000)
    group = Group.objects.get_or_create(name=roles.ICT_CHIEFS)[0]
    group.user_set.through.objects.bulk_create(
        [group.user_set.through(group_id=group.pk, user_id=chief.pk) for chief in chiefs]
    )
    ctx.say(f"  {unit_count} ICT units, {user_count} users")

    people = users[unit_count:]
    start = datetime.date(2024, 1, 1)
    memberships = []
    for body in Body.objects.order_by("pk"):
        seats = SEATS.get(body.kind, 8)
        for n, user in enumerate(rng.sample(people, seats)):
            if body.rights == Rights.DECISION:
                role = {0: MembershipRole.CHAIR, 1: MembershipRole.VICE_CHAIR}.get(
                    n, MembershipRole.MEMBER
                )
            else:
                role = MembershipRole.MEMBER
            # Every fifth seat changed hands: the earlier holder's membership has ended.
            ended = n % 5 == 4
            memberships.append(
                Membership(
                    body=body,
                    user=user,
                    role=role,
                    votes=body.rights == Rights.DECISION,
                    start=start,
                    end=datetime.date(2025, 6, 30) if ended else None,
                )
            )
    ctx.bulk(Membership, memberships)
    bodies = {body.pk: body for body in Body.objects.all()}
    for membership in memberships:
        sync_body_permissions(membership.user, bodies[membership.body_id])
    ctx.shared.update(units=units, users=users, chiefs=chiefs, people=people)
