"""Persona fixtures named after the demo users (``km.member`` is the fixture ``km_member``)."""

import pytest
from django.core.management import call_command

from core.loading import Loader
from governance.demo import PERSONAS, load_personas
from governance.models import Body, User

PERSONA_NAMES = tuple(PERSONAS)


def fixture_name(username):
    return username.replace(".", "_")


def ensure_reference_data():
    """Load the reference data unless it is there (a transactional test may have flushed it)."""
    if not Body.objects.exists():
        call_command("load_reference_data", verbosity=0, stdout=_Null())


def ensure_personas():
    ensure_reference_data()
    if User.objects.filter(username__in=PERSONA_NAMES).count() != len(PERSONA_NAMES):
        load_personas(Loader())
    return {user.username: user for user in User.objects.filter(username__in=PERSONA_NAMES)}


class _Null:
    def write(self, *args, **kwargs):
        pass

    def flush(self):
        pass


@pytest.fixture
def reference_data(db):
    ensure_reference_data()


@pytest.fixture
def personas(db):
    """All demo personas, by username, with their memberships, units and roles."""
    return ensure_personas()


def _make_persona_fixture(username):
    @pytest.fixture(name=fixture_name(username))
    def persona(personas):
        return personas[username]

    persona.__doc__ = f"The demo persona {username!r}."
    return persona


persona_fixtures = {fixture_name(u): _make_persona_fixture(u) for u in PERSONA_NAMES}
