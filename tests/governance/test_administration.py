"""The governance structure run from the portal: bodies, memberships, units and users.

Rights follow a membership change at once, whoever asks (service, page, API): a member
appointed now votes on the next request, a chair replaced no longer decides, an ended
membership gives nothing.
"""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse

from core import clock
from governance import rights, roles, services
from governance.administration import services as admin
from governance.choices import MembershipRole
from governance.models import AuditEntry, Body, Membership, OrganisationUnit, User
from governance.rights import RightsError
from tests.governance.factories import open_meeting_with_item
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db

STRUCTURE_READERS = {"portal.admin", "cito"}


def km():
    return Body.objects.get(code="km-steering")


def newcomer(username="new.member", **values):
    return User.objects.create_user(username=username, password="x-Secret-42", **values)


def fresh(user):
    return User.objects.get(pk=user.pk)


def membership(user, body):
    return Membership.objects.current().get(user=user, body=body)


# --------------------------------------------------------------------------- services


def test_an_appointed_member_votes_at_once(personas):
    admin_user, person = personas["portal.admin"], newcomer()
    assert not rights.can_vote(person, body=km())
    admin.membership_appoint(body=km(), user=person, role=MembershipRole.MEMBER, actor=admin_user)
    person = fresh(person)
    assert rights.can_vote(person, body=km())
    assert person.has_perm("governance.vote_in_body", km())
    item = open_meeting_with_item(personas, present=("km.chair",))
    services.attendance_record(
        meeting=item.meeting, attendees=[personas["km.chair"], person], actor=personas["pmo"]
    )
    assert services.vote_cast(item=item, voter=person, choice="for").voter == person
    entry = AuditEntry.objects.get(action="membership.appoint")
    assert entry.actor == admin_user and entry.data["user"] == "new.member"


def test_making_another_member_chair_ends_the_old_chairs_right_to_decide(personas):
    old_chair, member = personas["km.chair"], personas["km.member"]
    admin.membership_change_role(
        membership=membership(member, km()),
        role=MembershipRole.CHAIR,
        actor=personas["portal.admin"],
    )
    old_chair, member = fresh(old_chair), fresh(member)
    assert rights.can_decide(member, body=km())
    assert not rights.can_decide(old_chair, body=km())
    assert not old_chair.has_perm("governance.decide_in_body", km())
    assert rights.can_vote(old_chair, body=km())  # stays on as a voting member
    assert membership(old_chair, km()).role == MembershipRole.MEMBER
    yesterday = clock.today() - datetime.timedelta(days=1)
    history = Membership.objects.filter(body=km(), user__in=[old_chair, member])
    assert sorted((m.user.username, m.role, m.end) for m in history) == [
        ("km.chair", "chair", yesterday),
        ("km.chair", "member", None),
        ("km.member", "chair", None),
        ("km.member", "member", yesterday),
    ]


def test_ending_a_membership_removes_the_right_at_once(personas):
    member = personas["km.member"]
    admin.membership_end(membership=membership(member, km()), actor=personas["portal.admin"])
    member = fresh(member)
    assert not rights.can_vote(member, body=km())
    assert not member.has_perm("governance.vote_in_body", km())
    item = open_meeting_with_item(personas, present=("km.chair",))
    with pytest.raises(RightsError):
        services.vote_cast(item=item, voter=member, choice="for")


def test_a_membership_ended_on_a_later_day_lasts_until_then(personas):
    member = personas["km.member"]
    last_day = clock.today() + datetime.timedelta(days=10)
    admin.membership_end(
        membership=membership(member, km()), last_day=last_day, actor=personas["portal.admin"]
    )
    assert rights.can_vote(member, body=km())
    assert not rights.can_vote(member, body=km(), on=last_day + datetime.timedelta(days=1))


def test_a_replacement_takes_the_seat_and_the_vote(personas):
    person = newcomer()
    new = admin.membership_replace(
        membership=membership(personas["km.chair"], km()),
        user=person,
        actor=personas["portal.admin"],
    )
    assert new.role == MembershipRole.CHAIR and new.start == clock.today()
    assert rights.can_decide(fresh(person), body=km())
    assert not rights.can_vote(fresh(personas["km.chair"]), body=km())


def test_an_appointment_withdrawn_before_it_starts_leaves_its_trace(personas):
    person = newcomer()
    appointed = admin.membership_appoint(
        body=km(),
        user=person,
        role=MembershipRole.MEMBER,
        start=clock.today() + datetime.timedelta(days=5),
        actor=personas["portal.admin"],
    )
    assert admin.membership_end(membership=appointed, actor=personas["portal.admin"]) is None
    assert not Membership.objects.filter(user=person).exists()
    assert AuditEntry.objects.filter(action="membership.withdraw", data__user="new.member")


def test_it_refuses_a_second_chair_and_an_overlapping_seat(personas):
    actor = personas["portal.admin"]
    with pytest.raises(ValidationError) as error:
        admin.membership_appoint(body=km(), user=newcomer(), role="chair", actor=actor)
    assert "chair" in error.value.message_dict["role"][0]
    with pytest.raises(ValidationError) as error:
        admin.membership_appoint(body=km(), user=personas["km.member"], role="member", actor=actor)
    assert "already sits" in error.value.message_dict["user"][0]
    with pytest.raises(ValidationError):
        admin.membership_appoint(
            body=km(), user=newcomer("s"), role="secretary", votes=True, actor=actor
        )


@pytest.mark.parametrize("username", ["cito", "km.chair", "pmo", "dsg", "budget.reviewer"])
def test_only_a_portal_administrator_changes_the_structure(personas, username):
    actor = personas[username]
    with pytest.raises(RightsError):
        admin.membership_appoint(body=km(), user=newcomer(), role="member", actor=actor)
    with pytest.raises(RightsError):
        admin.membership_end(membership=membership(personas["km.member"], km()), actor=actor)
    with pytest.raises(RightsError):
        admin.body_update(body=km(), actor=actor, cadence="quarterly")
    assert not AuditEntry.objects.filter(action__startswith="membership.").exists()


def test_a_body_update_is_validated_and_audited(personas):
    actor = personas["portal.admin"]
    with pytest.raises(ValidationError):
        admin.body_update(body=km(), actor=actor, quorum_rule="fixed", quorum_minimum=None)
    assert km().quorum_rule == "majority"
    admin.body_update(
        body=km(), actor=actor, quorum_rule="fixed", quorum_minimum=3, cadence="quarterly"
    )
    assert (km().quorum_rule, km().quorum_minimum, km().cadence) == ("fixed", 3, "quarterly")
    entry = AuditEntry.objects.get(action="body.update")
    assert entry.data["changes"]["quorum_minimum"] == [None, 3]
    with pytest.raises(ValidationError):
        admin.body_update(body=km(), actor=actor, rights="advisory")


def test_a_new_chief_gets_the_local_ict_chief_role_and_the_old_one_loses_it(personas):
    unog = OrganisationUnit.objects.get(code="unog")
    person = newcomer()
    admin.unit_update(unit=unog, chief=person, actor=personas["portal.admin"])
    assert roles.ICT_CHIEFS in roles.managed_roles(person)
    assert roles.ICT_CHIEFS not in roles.managed_roles(personas["chief.geneva"])
    assert AuditEntry.objects.get(action="unit.update").data["changes"]["chief"][1] == str(person)


def test_a_unit_cannot_sit_under_itself(personas):
    actor = personas["portal.admin"]
    parent = admin.unit_create(actor=actor, code="dept-x", name="Department X", kind="department")
    child = admin.unit_create(
        actor=actor, code="dept-x-ict", name="X ICT", kind="section", parent=parent
    )
    with pytest.raises(ValidationError):
        admin.unit_update(unit=parent, parent=child, actor=actor)


def test_an_account_is_created_with_roles_and_deactivated_with_its_seats(personas):
    actor = personas["portal.admin"]
    with pytest.raises(ValidationError) as error:
        admin.user_create(actor=actor, username="weak", password="demo")
    assert "password" in error.value.message_dict
    user = admin.user_create(
        actor=actor,
        username="r.officer",
        password="a-Long-enough-9",
        roles_held=[roles.PMO_OFFICERS],
        display_name="Reporting officer",
        time_zone="Europe/Zurich",
        preferred_language="fr",
    )
    assert roles.is_pmo(fresh(user)) and user.check_password("a-Long-enough-9")
    admin.membership_appoint(body=km(), user=user, role="member", actor=actor)
    admin.user_deactivate(user=user, actor=actor, reason="Left the organisation")
    user = fresh(user)
    assert not user.is_active and not rights.can_vote(user, body=km())
    with pytest.raises(ValidationError):
        admin.user_update(user=user, actor=actor, time_zone="Mars/Olympus")
    with pytest.raises(ValidationError):
        admin.user_deactivate(user=actor, actor=actor)


# --------------------------------------------------------------------------- pages


class TestAdministrationIndex(PersonaAccessMixin):
    allowed = STRUCTURE_READERS | {"pmo", "budget.reviewer"}

    def get_url(self, personas):
        return reverse("administration:index")


class TestBodyAdministration(PersonaAccessMixin):
    allowed = STRUCTURE_READERS

    def get_url(self, personas):
        return reverse("administration:body", args=["km-steering"])


class TestUnitAdministration(PersonaAccessMixin):
    allowed = STRUCTURE_READERS

    def get_url(self, personas):
        return reverse("administration:units")


class TestUserAdministration(PersonaAccessMixin):
    allowed = STRUCTURE_READERS

    def get_url(self, personas):
        return reverse("administration:user", args=[personas["km.member"].pk])


class TestEndMembershipConfirmation(PersonaAccessMixin):
    allowed = {"portal.admin"}

    def get_url(self, personas):
        return reverse(
            "administration:membership_end", args=[membership(personas["km.member"], km()).pk]
        )


def test_the_cito_reads_the_structure_but_cannot_change_it(client, personas):
    client.force_login(personas["cito"])
    page = client.get(reverse("administration:body", args=["km-steering"]))
    assert b"Appoint a member" not in page.content
    response = client.post(
        reverse("administration:appoint", args=["km-steering"]),
        {"appoint-user": personas["staff"].pk, "appoint-role": "member"},
    )
    assert response.status_code == 403
    assert not Membership.objects.filter(user=personas["staff"]).exists()


def test_an_appointment_by_the_page_lets_the_member_vote_on_the_next_request(client, personas):
    person = newcomer()
    item = open_meeting_with_item(personas, present=("km.chair",))
    client.force_login(personas["portal.admin"])
    response = client.post(
        reverse("administration:appoint", args=["km-steering"]),
        {"appoint-user": person.pk, "appoint-role": "member", "appoint-votes": ""},
    )
    assert response.status_code == 302
    services.attendance_record(
        meeting=item.meeting, attendees=[personas["km.chair"], person], actor=personas["pmo"]
    )
    client.force_login(person)
    vote = client.post(
        reverse("governance:vote_cast", args=[item.pk]), {f"item{item.pk}-choice": "for"}
    )
    assert vote.status_code == 302
    assert item.votes.filter(voter=person).exists()


def test_ending_a_membership_by_the_page_refuses_the_vote_on_the_next_request(client, personas):
    member = personas["km.member"]
    item = open_meeting_with_item(personas, present=("km.chair", "km.member"))
    client.force_login(personas["portal.admin"])
    url = reverse("administration:membership_end", args=[membership(member, km()).pk])
    assert b"Confirm" in client.get(url).content
    assert client.post(url, {"last_day": "", "reason": "Left"}).status_code == 302
    client.force_login(member)
    vote = client.post(
        reverse("governance:vote_cast", args=[item.pk]), {f"item{item.pk}-choice": "for"}
    )
    # km.member sat on no other body: the governance record itself is now closed to them.
    assert vote.status_code == 404
    assert not item.votes.exists()


def test_a_refused_appointment_keeps_what_was_typed_and_changes_nothing(client, personas):
    client.force_login(personas["portal.admin"])
    response = client.post(
        reverse("administration:appoint", args=["km-steering"]),
        {
            "appoint-user": personas["staff"].pk,
            "appoint-role": "chair",
            "appoint-start": "2030-01-01",
        },
    )
    assert response.status_code == 400
    assert "is chair of" in response.content.decode()
    assert 'value="2030-01-01"' in response.content.decode()
    assert not Membership.objects.filter(user=personas["staff"]).exists()


def test_bad_dates_are_form_errors_not_500s(client, personas):
    client.force_login(personas["portal.admin"])
    url = reverse(
        "administration:membership_end", args=[membership(personas["km.member"], km()).pk]
    )
    response = client.post(url, {"last_day": "not a date"})
    assert response.status_code == 400
    response = client.post(url, {"last_day": "1999-01-01"})
    assert response.status_code == 400
    assert membership(personas["km.member"], km()).end is None


def test_a_user_is_created_and_edited_through_the_pages(client, personas):
    client.force_login(personas["portal.admin"])
    response = client.post(
        reverse("administration:user_create"),
        {
            "username": "j.doe",
            "display_name": "Jane Doe",
            "email": "jane@example.org",
            "organisation_unit": OrganisationUnit.objects.get(code="unog").pk,
            "duty_station": "Geneva",
            "preferred_language": "fr",
            "time_zone": "Europe/Zurich",
            "roles_held": [roles.BUDGET_REVIEWERS],
            "password": "a-Long-enough-9",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = User.objects.get(username="j.doe")
    assert roles.is_budget_reviewer(user) and user.time_zone == "Europe/Zurich"
    url = reverse("administration:user", args=[user.pk])
    response = client.post(
        url,
        {
            "display_name": "Jane Doe-Smith",
            "time_zone": "Africa/Nairobi",
            "roles_held": [roles.PMO_OFFICERS],
        },
    )
    assert response.status_code == 302
    user = fresh(user)
    assert user.display_name == "Jane Doe-Smith" and user.time_zone == "Africa/Nairobi"
    assert roles.managed_roles(user) == {roles.PMO_OFFICERS}
    assert user.username == "j.doe"
    deactivate = reverse("administration:user_deactivate", args=[user.pk])
    assert client.post(deactivate, {"reason": "Left"}).status_code == 302
    assert not fresh(user).is_active


def test_the_users_page_keeps_its_queries_constant(client, personas):
    client.force_login(personas["portal.admin"])
    group = Group.objects.get(name=roles.PMO_OFFICERS)

    def grow():
        for n in range(3):
            user = newcomer(f"grown{n}")
            user.groups.add(group)
            Membership.objects.create(body=km(), user=user, role="member", start=clock.today())

    assert_constant_queries(client, reverse("administration:users"), grow)


def test_the_body_page_keeps_its_queries_constant(client, personas):
    client.force_login(personas["portal.admin"])

    def grow():
        for n in range(3):
            admin.membership_appoint(
                body=km(), user=newcomer(f"grown{n}"), role="member", actor=personas["portal.admin"]
            )

    assert_constant_queries(client, reverse("administration:body", args=["km-steering"]), grow)


# --------------------------------------------------------------------------- API


def test_the_api_follows_membership_changes_on_the_next_request(personas):
    actor = personas["portal.admin"]
    person = newcomer()
    item = open_meeting_with_item(personas, present=("km.chair", "km.member"))
    base = f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}"
    admin.membership_appoint(body=km(), user=person, role="member", actor=actor)
    services.attendance_record(
        meeting=item.meeting,
        attendees=[personas["km.chair"], personas["km.member"], person],
        actor=personas["pmo"],
    )
    assert token_client(person).post(f"{base}/votes/", {"choice": "for"}).status_code == 201

    admin.membership_end(membership=membership(personas["km.member"], km()), actor=actor)
    refused = token_client(personas["km.member"]).post(f"{base}/votes/", {"choice": "for"})
    # km.member sat on no other body: the governance record itself is now closed to them.
    assert refused.status_code == 404
    assert not item.votes.filter(voter=personas["km.member"]).exists()

    admin.membership_change_role(
        membership=membership(person, km()), role=MembershipRole.CHAIR, actor=actor
    )
    old_chair = token_client(personas["km.chair"]).post(f"{base}/decide/", {"outcome": "approved"})
    assert old_chair.status_code == 403
    decided = token_client(person).post(f"{base}/decide/", {"outcome": "approved"})
    assert decided.status_code == 201, decided.json()


# --------------------------------------------------------------------------- memberships API


class TestMembershipRecordsApi(ApiPersonaAccessMixin):
    """The membership records (who sat where when): the administrators and the CITO."""

    allowed = STRUCTURE_READERS

    def get_url(self, personas):
        return "/api/v1/memberships/?body__code=km-steering"


class TestMembershipAppointApi(ApiPersonaAccessMixin):
    """Only a portal administrator appoints; the CITO reads but is refused (403)."""

    allowed = {"portal.admin"}
    allowed_status = 201
    method = "post"

    def get_url(self, personas):
        return "/api/v1/memberships/"

    def get_data(self, personas):
        return {"body": "km-steering", "username": "new.member", "role": "member"}

    @pytest.fixture(autouse=True)
    def _newcomer(self, personas):
        newcomer()


def test_the_km_committee_is_run_through_the_api_and_rights_follow_on_the_next_request(
    personas,
):
    """Acceptance 1 at API level: the administrator's token appoints a member and makes
    another the chair; the new member votes at once, the old chair no longer decides, and an
    ended membership refuses the vote on the next request."""
    api = token_client(personas["portal.admin"])
    person = newcomer()
    item = open_meeting_with_item(personas, present=("km.chair", "km.member"))
    base = f"/api/v1/meetings/{item.meeting_id}/items/{item.pk}"

    since = clock.today() - datetime.timedelta(days=10)
    appointed = api.post(
        "/api/v1/memberships/",
        {"body": "km-steering", "username": person.username, "role": "member", "start": since},
    )
    assert appointed.status_code == 201, appointed.json()
    assert appointed.json() | {"id": 0} == {
        "id": 0,
        "body": "km-steering",
        "username": "new.member",
        "display_name": "",
        "role": "member",
        "votes": True,
        "start": since.isoformat(),
        "end": None,
        "is_current": True,
    }
    services.attendance_record(
        meeting=item.meeting,
        attendees=[personas["km.chair"], personas["km.member"], person],
        actor=personas["pmo"],
    )
    assert token_client(person).post(f"{base}/votes/", {"choice": "for"}).status_code == 201

    seat = membership(personas["km.member"], km())
    chair = api.post(f"/api/v1/memberships/{seat.pk}/role/", {"role": "chair"})
    assert chair.status_code == 201, chair.json()
    assert chair.json()["role"] == "chair" and chair.json()["username"] == "km.member"
    old_chair = token_client(personas["km.chair"]).post(f"{base}/decide/", {"outcome": "approved"})
    assert old_chair.status_code == 403
    # The former chair stays on as a voting member.
    current = api.get("/api/v1/memberships/?body__code=km-steering&current=true").json()
    roles_now = {row["username"]: row["role"] for row in current["results"]}
    assert roles_now["km.chair"] == "member" and roles_now["km.member"] == "chair"

    ended = api.post(f"/api/v1/memberships/{appointed.json()['id']}/end/", {"reason": "Left"})
    assert ended.status_code == 200 and ended.json()["is_current"] is False
    # An appointment ended before it started is withdrawn: 204, gone (its trace stays audited).
    soon = admin.membership_appoint(
        body=km(),
        user=newcomer("later"),
        role="member",
        start=clock.today() + datetime.timedelta(days=3),
        actor=personas["portal.admin"],
    )
    assert api.post(f"/api/v1/memberships/{soon.pk}/end/", {}).status_code == 204
    assert not Membership.objects.filter(pk=soon.pk).exists()
    refused = token_client(person).post(f"{base}/recusals/", {"reason": "x"})
    assert refused.status_code in (403, 404)
    assert not rights.can_vote(person, body=km())
    decided = token_client(personas["km.member"]).post(f"{base}/decide/", {"outcome": "approved"})
    assert decided.status_code == 201, decided.json()


def test_bad_membership_requests_are_400s_that_change_nothing(personas):
    api = token_client(personas["portal.admin"])
    count = Membership.objects.count()
    unknown = api.post(
        "/api/v1/memberships/", {"body": "km-steering", "username": "nobody", "role": "member"}
    )
    assert unknown.status_code == 400 and "username" in unknown.json()["error"]["fields"]
    no_role = api.post(
        "/api/v1/memberships/", {"body": "km-steering", "username": "staff", "role": "king"}
    )
    assert no_role.status_code == 400 and "role" in no_role.json()["error"]["fields"]
    second_chair = api.post(
        "/api/v1/memberships/", {"body": "km-steering", "username": "staff", "role": "chair"}
    )
    assert second_chair.status_code == 400
    seat = membership(personas["km.member"], km())
    bad_day = api.post(f"/api/v1/memberships/{seat.pk}/end/", {"last_day": "31/12/2026"})
    assert bad_day.status_code == 400
    assert Membership.objects.count() == count and membership(personas["km.member"], km())


def test_a_read_only_token_and_the_cito_cannot_change_memberships(personas):
    seat = membership(personas["km.member"], km())
    read_only = token_client(personas["portal.admin"], read_only=True)
    assert read_only.post(f"/api/v1/memberships/{seat.pk}/end/", {}).status_code == 403
    cito = token_client(personas["cito"])
    assert cito.get(f"/api/v1/memberships/{seat.pk}/").status_code == 200
    assert cito.post(f"/api/v1/memberships/{seat.pk}/end/", {}).status_code == 403
    assert membership(personas["km.member"], km()).end is None


def test_the_membership_list_keeps_its_queries_constant(personas):
    api = token_client(personas["portal.admin"])

    def grow():
        for n in range(3):
            admin.membership_appoint(
                body=km(), user=newcomer(f"grown{n}"), role="member", actor=personas["portal.admin"]
            )

    assert_constant_queries(api, "/api/v1/memberships/", grow)
