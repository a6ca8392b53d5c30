import pytest
from django.urls import reverse

from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db


class TestHomePage(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("home")


class TestProfilePage(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("profile")


class TestPasswordChangePage(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("password_change")


def test_home_shows_the_bodies_and_rights_of_the_persona(client, km_member):
    client.force_login(km_member)
    response = client.get(reverse("home"))
    content = response.content.decode()
    assert "Knowledge Management Steering Committee" in content
    assert "Decision rights" in content
    assert "Executive Committee" not in content


def test_home_shows_advisory_rights_for_the_advisor(client, advisor):
    client.force_login(advisor)
    content = client.get(reverse("home")).content.decode()
    assert "ICT Advisory Group" in content
    assert "Advisory rights" in content


def test_home_shows_organisation_roles(client, pmo, chief_geneva):
    client.force_login(pmo)
    assert "PMO officer" in client.get(reverse("home")).content.decode()
    client.force_login(chief_geneva)
    content = client.get(reverse("home")).content.decode()
    assert "Local ICT chief" in content
    assert "UN Office at Geneva" in content


def test_it_logs_in_with_the_demo_password(client, personas):
    response = client.post(reverse("login"), {"username": "dsg", "password": "demo"})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_it_refuses_a_wrong_password(client, personas):
    response = client.post(reverse("login"), {"username": "dsg", "password": "wrong"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_logout_ends_the_session(client, staff):
    client.force_login(staff)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 302


def test_password_change_requires_the_old_password(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "nope",
            "new_password1": "A-long-pass-123",
            "new_password2": "A-long-pass-123",
        },
    )
    assert response.status_code == 200
    staff.refresh_from_db()
    assert staff.check_password("demo")
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "demo",
            "new_password1": "A-long-pass-123",
            "new_password2": "A-long-pass-123",
        },
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.check_password("A-long-pass-123")


def test_profile_sets_the_preferred_language(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("profile"),
        {
            "display_name": "S. Taff",
            "email": "s@example.org",
            "preferred_language": "fr",
            "duty_station": "Geneva",
        },
    )
    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.preferred_language == "fr"
    assert client.get(reverse("home"))["Content-Language"] == "fr"


def test_profile_rejects_an_unknown_language(client, staff):
    client.force_login(staff)
    response = client.post(reverse("profile"), {"preferred_language": "xx"})
    assert response.status_code == 200
    assert "preferred_language" in response.context["form"].errors
    staff.refresh_from_db()
    assert staff.preferred_language == ""
