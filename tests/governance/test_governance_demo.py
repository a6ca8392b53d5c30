import pytest
from django.core.management import call_command
from django.utils import timezone

from governance.models import Body, Decision, Meeting, Motion, Opinion

pytestmark = pytest.mark.django_db


def counts():
    return (
        Meeting.objects.count(),
        Decision.objects.count(),
        Opinion.objects.count(),
        Motion.objects.count(),
    )


def test_demo_gives_every_body_past_and_upcoming_meetings_with_decisions_and_opinions(capsys):
    call_command("load_demo_data")
    now = timezone.now()
    for body in Body.objects.all():
        assert body.meetings.filter(starts_at__lt=now, state="closed").exists(), body
        assert body.meetings.filter(starts_at__gt=now, state="planned").exists(), body
        if body.has_decision_rights:
            assert body.decisions.exists(), body
    assert Opinion.objects.filter(body__code="ms-working-group").exists()
    assert Decision.objects.filter(outcome="prioritised", rank=1).exists()
    assert Meeting.objects.filter(kind="written_procedure", state="open").exists()
    before = counts()
    capsys.readouterr()
    call_command("load_demo_data")
    assert counts() == before
    output = capsys.readouterr().out
    assert "meetings: 0 created" in output or "meetings" not in output
