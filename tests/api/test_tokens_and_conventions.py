import datetime

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from governance.apitokens.demo import DEMO_API_READER_KEY
from governance.apitokens.models import ApiToken, hash_key
from governance.apitokens.services import api_token_issue
from tests.testing.api import token_client

pytestmark = pytest.mark.django_db


def test_tokens_are_stored_hashed(staff):
    token, key = api_token_issue(user=staff, name="script")
    token.refresh_from_db()
    assert key not in (token.key_hash, token.prefix) and token.key_hash == hash_key(key)
    assert not ApiToken.objects.filter(key_hash=key).exists()


def test_a_token_authenticates_and_records_its_last_use(staff):
    token, key = api_token_issue(user=staff, name="script")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/programmes/").status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is not None


@pytest.mark.parametrize("header", ["Token nope-nope-nope", "Token", "Token a b"])
def test_a_bad_token_gets_401_in_the_common_error_format(header, staff):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/programmes/")
    assert response.status_code == 401
    assert response.json()["error"]["status"] == 401
    assert response.json()["error"]["message"]


def test_expired_and_revoked_tokens_are_refused(staff):
    token, key = api_token_issue(user=staff, name="old", expires_days=1)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/programmes/").status_code == 401
    token2, key2 = api_token_issue(user=staff, name="revoked")
    ApiToken.objects.filter(pk=token2.pk).update(revoked_at=timezone.now())
    client.credentials(HTTP_AUTHORIZATION=f"Token {key2}")
    assert client.get("/api/v1/programmes/").status_code == 401


def test_a_read_only_token_can_read_but_not_write(pmo):
    client = token_client(pmo, read_only=True)
    assert client.get("/api/v1/programmes/").status_code == 200
    response = client.post("/api/v1/programmes/", {"code": "x"}, format="json")
    assert response.status_code == 403
    assert response.json()["error"]["message"] == "This API token is read-only."


def test_the_management_command_issues_tokens(staff, capsys):
    call_command("issue_api_token", "staff", "--read-only", "--expires-days", "30")
    key = capsys.readouterr().out.strip()
    token = ApiToken.objects.get(key_hash=hash_key(key))
    assert token.read_only and token.user == staff
    assert (token.expires_at - timezone.now()).days in (29, 30)


def test_the_management_command_refuses_unknown_users_and_bad_expiry(personas):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="No user"):
        call_command("issue_api_token", "nobody")
    with pytest.raises(CommandError, match="at least one day"):
        call_command("issue_api_token", "staff", "--expires-days", "0")


def test_tokens_are_created_and_revoked_on_the_profile_page(client, staff):
    client.force_login(staff)
    response = client.post(
        reverse("apitokens:create"), {"name": "My dashboard", "read_only": "on"}, follow=True
    )
    key = response.context["new_api_token"]["key"]
    assert key in response.content.decode()
    token = ApiToken.objects.get(user=staff)
    assert token.read_only and token.key_hash == hash_key(key)
    # The key is shown once only.
    assert key not in client.get(reverse("profile")).content.decode()
    client.post(reverse("apitokens:revoke", args=[token.pk]), {"confirmed": "1"})
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_bad_token_form_shows_errors_and_creates_nothing(client, staff):
    client.force_login(staff)
    response = client.post(reverse("apitokens:create"), {"name": "", "expires_days": "-3"})
    assert response.status_code == 400
    assert "name" in response.context["api_token_form"].errors
    assert not ApiToken.objects.exists()


def test_nobody_revokes_another_users_token(client, staff, pmo):
    token, _key = api_token_issue(user=pmo, name="pmo's")
    client.force_login(staff)
    revoke = reverse("apitokens:revoke", args=[token.pk])
    assert client.post(revoke, {"confirmed": "1"}).status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_demo_gives_api_reader_a_read_only_token(personas, capsys):
    call_command("load_demo_data")
    assert DEMO_API_READER_KEY in capsys.readouterr().out
    token = ApiToken.objects.get(key_hash=hash_key(DEMO_API_READER_KEY))
    assert token.user.username == "api.reader" and token.read_only
    call_command("load_demo_data")
    assert ApiToken.objects.filter(user__username="api.reader").count() == 1


def test_the_schema_and_docs_are_served(client, staff):
    client.force_login(staff)
    schema = client.get("/api/v1/schema/")
    assert schema.status_code == 200
    assert b"openapi: 3" in schema.content
    assert client.get("/api/v1/docs/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/meetings/?starts_at__gte=1987-02-05T06:57:43.526542%2B19:15",
        "/api/v1/projects/?updated_since=1999-01-01T00:00:00-15:30",
    ],
)
def test_date_time_filters_accept_any_iso_offset(url, pmo):
    # PostgreSQL refuses offsets beyond +-15:59 as a time zone; the filters compare in UTC.
    assert token_client(pmo).get(url).status_code == 200
