import datetime

import pytest
from django.core.management import CommandError, call_command

from governance import rights, roles
from governance.demo import PERSONAS
from governance.models import Body, Membership, User

pytestmark = pytest.mark.django_db


def test_every_persona_exists_with_the_demo_password(personas):
    assert set(personas) == set(PERSONAS)
    assert all(user.check_password("demo") for user in personas.values())


def test_demo_data_is_idempotent(capsys):
    call_command("load_demo_data")
    capsys.readouterr()
    before = (User.objects.count(), Membership.objects.count())
    call_command("load_demo_data", url="http://127.0.0.1:8001")
    output = capsys.readouterr().out
    assert (User.objects.count(), Membership.objects.count()) == before
    assert "Log in at http://127.0.0.1:8001/" in output
    assert "http://127.0.0.1:8001/api/v1/portfolio/status/" in output
    assert "users: 0 created, 0 updated" in output
    assert "km.member" in output and "password: demo" in output


def test_demo_passwords_are_refused_outside_local_settings(settings):
    settings.DEMO_PASSWORDS_ALLOWED = False
    with pytest.raises(CommandError, match="local settings"):
        call_command("load_demo_data")


def test_personas_hold_the_right_memberships(personas):
    def bodies(username):
        return set(
            Membership.objects.current()
            .filter(user=personas[username])
            .values_list("body__code", flat=True)
        )

    assert bodies("dsg") == {"executive-committee"}
    assert bodies("km.member") == {"km-steering"}
    assert bodies("advisor") == {"advisory-group"}
    assert bodies("ms.delegate") == {"ms-working-group"}
    assert {"executive-committee", "km-steering", "rm-steering", "im-steering"} <= bodies("cito")
    assert (
        Body.objects.get(code="executive-committee").memberships.get(user=personas["dsg"]).role
        == "chair"
    )


def test_personas_hold_the_right_roles_and_units(personas):
    assert roles.is_pmo(personas["pmo"])
    assert roles.is_budget_reviewer(personas["budget.reviewer"])
    assert roles.is_cito(personas["cito"])
    assert not roles.is_cito(personas["pmo"])
    assert personas["chief.geneva"].units_led.get().code == "unog"
    assert personas["chief.nairobi"].units_led.get().code == "unon"


class _Subject:
    def __init__(self, body):
        self.body = body

    def get_deciding_body(self):
        return self.body

    def is_visible_to(self, user):
        return True


def test_the_rights_policy_follows_the_demo_memberships(personas):
    km = _Subject(Body.objects.get(code="km-steering"))
    ec = _Subject(Body.objects.get(code="executive-committee"))
    assert rights.can_vote(personas["km.member"], km)
    assert not rights.can_decide(personas["km.member"], km)
    assert rights.can_decide(personas["km.chair"], km)
    assert rights.can_vote(personas["cito"], km)
    assert not rights.can_vote(personas["cito"], ec)
    assert not rights.can_vote(personas["advisor"], km)
    assert rights.can_give_opinion(personas["advisor"], km)
    assert not rights.can_give_opinion(personas["km.member"], km)
    with pytest.raises(rights.RightsError, match="not a current member"):
        rights.check_vote(personas["advisor"], km)


def test_a_membership_that_ended_yesterday_gives_no_right_today(personas):
    km = _Subject(Body.objects.get(code="km-steering"))
    membership = Membership.objects.get(user=personas["km.member"], body=km.body)
    membership.end = datetime.date.today() - datetime.timedelta(days=1)
    membership.save()
    assert not rights.can_vote(personas["km.member"], km)
    membership.end = datetime.date.today()
    membership.save()
    assert rights.can_vote(personas["km.member"], km)


def test_make_demo_prints_the_port_it_serves_on_and_demo_reset_keeps_the_install():
    from pathlib import Path

    makefile = (Path(__file__).resolve().parents[2] / "Makefile").read_text()
    assert "load_demo_data --url http://$(HOST):$(PORT)" in makefile
    assert "runserver $(HOST):$(PORT)" in makefile
    reset = makefile.split("demo-reset:", 1)[1].split("\n\n", 1)[0]
    assert "pip" not in reset and "$(MAKE) demo" in reset
