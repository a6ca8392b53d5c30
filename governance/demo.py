"""The demo personas: one per role, each a member of the right bodies and units.

The same table feeds ``load_demo_data`` and the test suite's persona fixtures, so a test
about ``km.member`` exercises the same memberships a person sees in the demo.
"""
import datetime

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group

from . import roles
from .choices import MembershipRole
from .models import Body, Membership, OrganisationUnit, User

DEMO_PASSWORD = "demo"
MEMBERSHIPS_START = datetime.date(2024, 1, 1)

# username: (display name, unit code, duty station, roles, chief of unit, memberships)
# memberships: (body code, role, votes)
PERSONAS = {
    "dsg": (
        "Deputy Secretary-General", "secretariat", "New York", [], None,
        [("executive-committee", MembershipRole.CHAIR, True)],
    ),
    "usg.management": (
        "Under-Secretary-General for Management", "dm", "New York", [], None,
        [("executive-committee", MembershipRole.MEMBER, True)],
    ),
    "cito": (
        "Chief Information Technology Officer", "oict", "New York", [], "oict",
        [
            # Ex officio in every committee; votes in the steering committees only.
            ("executive-committee", MembershipRole.EX_OFFICIO, False),
            ("km-steering", MembershipRole.EX_OFFICIO, True),
            ("rm-steering", MembershipRole.EX_OFFICIO, True),
            ("im-steering", MembershipRole.EX_OFFICIO, True),
            ("leadership-council", MembershipRole.CHAIR, True),
        ],
    ),
    "km.chair": (
        "Chair, Knowledge Management Steering Committee", "other-hq", "New York", [], None,
        [("km-steering", MembershipRole.CHAIR, True)],
    ),
    "km.member": (
        "Member, Knowledge Management Steering Committee", "other-hq", "New York", [], None,
        [("km-steering", MembershipRole.MEMBER, True)],
    ),
    "rm.chair": (
        "Chair, Resource Management Steering Committee", "dm", "New York", [], None,
        [("rm-steering", MembershipRole.CHAIR, True)],
    ),
    "rm.member": (
        "Member, Resource Management Steering Committee", "dm", "New York", [], None,
        [("rm-steering", MembershipRole.MEMBER, True)],
    ),
    "im.chair": (
        "Chair, Infrastructure Management Steering Committee", "dfs", "New York", [], None,
        [("im-steering", MembershipRole.CHAIR, True)],
    ),
    "im.member": (
        "Member, Infrastructure Management Steering Committee", "dfs", "New York", [], None,
        [("im-steering", MembershipRole.MEMBER, True)],
    ),
    "advisor": (
        "ICT Advisory Group representative", "regional-commissions", "Bangkok", [], None,
        [("advisory-group", MembershipRole.MEMBER, False)],
    ),
    "ms.delegate": (
        "Member-state delegate", None, "New York", [], None,
        [("ms-working-group", MembershipRole.MEMBER, False)],
    ),
    "pmo": (
        "PMO officer", "pmo", "New York", [roles.PMO_OFFICERS], None,
        [
            ("executive-committee", MembershipRole.SECRETARY, False),
            ("km-steering", MembershipRole.SECRETARY, False),
            ("rm-steering", MembershipRole.SECRETARY, False),
            ("im-steering", MembershipRole.SECRETARY, False),
        ],
    ),
    "budget.reviewer": (
        "OICT budget reviewer", "oict-sms", "New York", [roles.BUDGET_REVIEWERS], None, [],
    ),
    "chief.geneva": (
        "Chief of ICT, UN Office at Geneva", "unog", "Geneva", [roles.ICT_CHIEFS], "unog",
        [("leadership-council", MembershipRole.MEMBER, False)],
    ),
    "chief.nairobi": (
        "Chief of ICT, UN Office at Nairobi", "unon", "Nairobi", [roles.ICT_CHIEFS], "unon",
        [("leadership-council", MembershipRole.MEMBER, False)],
    ),
    "proponent": ("Project sponsor, Department of Management", "dm", "New York", [], None, []),
    "staff": ("Staff member", "other-hq", "New York", [], None, []),
    "api.reader": ("Portfolio dashboard (REST client)", None, "", [roles.API_CLIENTS], None, []),
}

# Personas who may use the Django admin (read-only where records must not change).
ADMIN_SITE_USERS = {"cito", "pmo", "budget.reviewer"}


def load_personas(loader, *, password=DEMO_PASSWORD):
    units = {u.code: u for u in OrganisationUnit.objects.all()}
    bodies = {b.code: b for b in Body.objects.all()}
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in roles.ROLE_LABELS}
    users = {}
    for username, (name, unit, station, role_names, chief_of, memberships) in PERSONAS.items():
        user = loader.sync(
            User,
            {"username": username},
            {
                "display_name": name,
                "email": f"{username}@example.org",
                "organisation_unit": units.get(unit),
                "duty_station": station,
                "is_staff": username in ADMIN_SITE_USERS,
            },
            on_create={"password": make_password(password)},
        )
        loader.set_m2m(user, "groups", [groups[r] for r in role_names])
        if chief_of and units[chief_of].chief_id != user.pk:
            units[chief_of].chief = user
            units[chief_of].save(update_fields=["chief"])
        for body_code, role, votes in memberships:
            loader.sync(
                Membership,
                {"body": bodies[body_code], "user": user, "start": MEMBERSHIPS_START},
                {"role": role, "votes": votes, "end": None},
            )
        users[username] = user
    return users


def load(loader):
    load_personas(loader)
