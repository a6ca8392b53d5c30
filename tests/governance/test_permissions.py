"""django-guardian object permissions on bodies follow memberships, with nothing synced by
hand; the rights policy still checks the dates."""

import datetime

import pytest
from django.utils import timezone
from guardian.shortcuts import get_objects_for_user, get_perms

from governance import rights
from governance.choices import MembershipRole
from governance.models import Membership
from governance.permissions import sync_all_body_permissions

from .factories import body

pytestmark = pytest.mark.django_db


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def test_demo_memberships_give_the_matching_object_permissions(personas):
    km = body("km-steering")
    assert set(get_perms(fresh(personas["km.chair"]), km)) >= {
        "view_body",
        "vote_in_body",
        "decide_in_body",
        "manage_meetings_of_body",
    }
    assert set(get_perms(fresh(personas["km.member"]), km)) == {"view_body", "vote_in_body"}
    assert get_perms(fresh(personas["km.member"]), body("rm-steering")) == []
    assert set(get_perms(fresh(personas["advisor"]), body("advisory-group"))) == {
        "view_body",
        "give_opinion_in_body",
    }
    assert "vote_in_body" not in get_perms(fresh(personas["cito"]), body("executive-committee"))


def test_a_change_of_membership_changes_permissions(personas):
    user, km = personas["staff"], body("km-steering")
    membership = Membership.objects.create(
        body=km, user=user, role=MembershipRole.MEMBER, votes=True, start=datetime.date(2024, 1, 1)
    )
    assert fresh(user).has_perm("governance.vote_in_body", km)
    assert list(get_objects_for_user(fresh(user), "governance.vote_in_body")) == [km]
    membership.role, membership.votes = MembershipRole.OBSERVER, False
    membership.save()
    assert not fresh(user).has_perm("governance.vote_in_body", km)
    assert fresh(user).has_perm("governance.view_body", km)
    membership.role = MembershipRole.CHAIR
    membership.votes = True
    membership.save()
    assert fresh(user).has_perm("governance.decide_in_body", km)
    membership.delete()
    assert get_perms(fresh(user), km) == []


def test_a_membership_that_ended_yesterday_gives_no_right_today(personas):
    user, km = personas["km.member"], body("km-steering")
    membership = Membership.objects.get(user=user, body=km)
    membership.end = timezone.localdate() - datetime.timedelta(days=1)
    membership.save()
    assert not rights.can_vote(user, body=km)
    assert not fresh(user).has_perm("governance.vote_in_body", km)


def test_the_daily_resync_catches_memberships_that_lapse_with_the_calendar(personas):
    user, km = personas["km.member"], body("km-steering")
    # Ends today: still current, so the permission stays until tomorrow's resync.
    Membership.objects.filter(user=user, body=km).update(end=timezone.localdate())
    sync_all_body_permissions()
    assert fresh(user).has_perm("governance.vote_in_body", km)
    sync_all_body_permissions(on=timezone.localdate() + datetime.timedelta(days=1))
    assert not fresh(user).has_perm("governance.vote_in_body", km)
    assert not rights.can_vote(user, body=km, on=timezone.localdate() + datetime.timedelta(days=1))


def test_the_beat_task_resyncs_permissions_and_is_safe_to_run_twice(personas, settings):
    from governance.tasks import sync_body_permissions

    assert any(
        entry["task"] == "governance.tasks.sync_body_permissions"
        for entry in settings.CELERY_BEAT_SCHEDULE.values()
    )
    user, km = personas["km.member"], body("km-steering")
    Membership.objects.filter(user=user, body=km).update(
        end=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert fresh(user).has_perm("governance.vote_in_body", km)  # update() sends no signal
    sync_body_permissions.delay()
    sync_body_permissions.delay()
    assert not fresh(user).has_perm("governance.vote_in_body", km)


@pytest.mark.parametrize("username", ["advisor", "chief.geneva", "cito", "km.member", "proponent"])
def test_visibility_of_many_subjects_at_once_agrees_with_one_at_a_time(personas, username):
    """``subjects.visible_subjects`` (one query per model, for worklists) answers as
    ``is_visible_to`` does for each subject: projects of every state, own and others', and
    motions."""
    from django.contrib.contenttypes.models import ContentType

    from governance import subjects
    from portfolio.choices import ProjectState
    from portfolio.models import Project
    from tests.governance.factories import MotionFactory
    from tests.portfolio.factories import bulk_projects

    for state in (ProjectState.DRAFT, ProjectState.WITH_STEERING_COMMITTEE):
        bulk_projects(2, personas, state=state)
    records = [*Project.objects.order_by("pk"), MotionFactory()]
    user = personas[username]
    expected = {
        (ContentType.objects.get_for_model(r).pk, r.pk)
        for r in records
        if subjects.is_visible_to(r, user)
    }
    assert subjects.visible_subjects(records, user) == expected
    assert expected  # every persona here sees something, so the comparison is not vacuous
