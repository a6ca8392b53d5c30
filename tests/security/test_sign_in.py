"""Sign-in hardening: lockout per account and per address (pages and admin), password reset
without user enumeration, idle sessions ended, re-authentication before sensitive changes."""

import datetime
import time

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from core import security
from governance.apitokens.models import ApiToken
from governance.models import User

pytestmark = pytest.mark.django_db

WRONG_ATTEMPTS = 50


def _login(client, url, username, password, ip="10.0.0.1"):
    return client.post(url, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("url", ["/accounts/login/", "/admin/login/"])
def test_fifty_wrong_passwords_lock_the_account_and_the_address(personas, url):
    """Acceptance 4: after 50 wrong passwords the right one is refused for the account (from
    another address too) and any account is refused from the address."""
    client = Client()
    statuses = {_login(client, url, "cito", "wrong", ip="10.0.0.1").status_code for _ in range(50)}
    assert 429 in statuses
    right = _login(Client(), url, "cito", "demo", ip="10.0.0.1")
    assert right.status_code == 429
    assert b"Sign-in locked" in right.content
    # The account is locked from everywhere...
    assert _login(Client(), url, "cito", "demo", ip="10.9.9.9").status_code == 429
    # ...and the address for every account.
    assert _login(Client(), url, "pmo", "demo", ip="10.0.0.1").status_code == 429
    # Another account from another address is untouched.
    other = _login(Client(), url, "pmo", "demo", ip="10.9.9.9")
    assert other.status_code == 302


def test_the_lock_lifts_after_the_cool_off(personas, settings):
    from axes.models import AccessAttempt

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(Client(), "/accounts/login/", "km.chair", "wrong", ip="10.0.0.2")
    assert (
        _login(Client(), "/accounts/login/", "km.chair", "demo", ip="10.0.0.3").status_code == 429
    )
    AccessAttempt.objects.update(
        attempt_time=datetime.datetime.now(datetime.UTC) - settings.AXES_COOLOFF_TIME * 2
    )
    assert (
        _login(Client(), "/accounts/login/", "km.chair", "demo", ip="10.0.0.3").status_code == 302
    )


def test_a_right_password_below_the_limit_still_logs_in(personas):
    for _ in range(3):
        _login(Client(), "/accounts/login/", "staff", "wrong")
    assert _login(Client(), "/accounts/login/", "staff", "demo").status_code == 302


def test_client_ip_comes_from_the_trusted_proxies_only(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="1.1.1.1, 2.2.2.2")
    settings.TRUSTED_PROXY_COUNT = 0
    assert security.client_ip(request) == "10.0.0.9"
    settings.TRUSTED_PROXY_COUNT = 1
    assert security.client_ip(request) == "2.2.2.2"  # what our proxy saw, not the client's claim


# --------------------------------------------------------------------------- password reset
def test_password_reset_answers_the_same_whether_or_not_the_address_is_known(personas):
    known = personas["staff"]
    known.email = "staff@example.org"
    known.save(update_fields=["email"])
    client = Client()
    sent_known = client.post(reverse("password_reset"), {"email": "staff@example.org"})
    assert len(mail.outbox) == 1
    sent_unknown = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert len(mail.outbox) == 1
    assert sent_known.status_code == sent_unknown.status_code == 302
    assert sent_known["Location"] == sent_unknown["Location"] == reverse("password_reset_done")
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("://", 1)[1].split("/", 1)[1]
    form = client.get("/" + path, follow=True)
    assert form.status_code == 200 and b"new_password1" in form.content
    done = client.post(
        form.redirect_chain[-1][0],
        {"new_password1": "A-long-new-passphrase-42", "new_password2": "A-long-new-passphrase-42"},
    )
    assert done.status_code == 302
    known.refresh_from_db()
    assert known.check_password("A-long-new-passphrase-42")


def test_the_login_page_links_to_the_password_reset(client, personas):
    assert reverse("password_reset").encode() in client.get(reverse("login")).content


# --------------------------------------------------------------------------- idle sessions
def test_an_idle_session_is_signed_out(client, personas, settings):
    client.force_login(personas["staff"])
    assert client.get("/").status_code == 200
    session = client.session
    session[security.LAST_ACTIVITY] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 - 5
    session.save()
    response = client.get("/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_active_session_stays(client, personas, settings):
    client.force_login(personas["staff"])
    session = client.session
    session[security.LAST_ACTIVITY] = int(time.time()) - settings.SESSION_IDLE_MINUTES * 60 + 90
    session.save()
    assert client.get("/").status_code == 200
    # The request counted as activity.
    assert int(time.time()) - client.session[security.LAST_ACTIVITY] < 5


# --------------------------------------------------------------------------- re-authentication
def _stale_authentication(client):
    session = client.session
    session[security.AUTHENTICATED_AT] = int(time.time()) - 3600
    session.save()


def test_creating_an_api_token_asks_for_the_password(client, personas):
    user = personas["pmo"]
    client.force_login(user)
    _stale_authentication(client)
    before = ApiToken.objects.filter(user=user).count()
    refused = client.post(reverse("apitokens:create"), {"name": "script", "read_only": "on"})
    assert refused.status_code == 400
    assert b"Type your current password" in refused.content
    wrong = client.post(
        reverse("apitokens:create"),
        {"name": "script", "read_only": "on", "current_password": "wrong"},
    )
    assert wrong.status_code == 400 and b"not your current password" in wrong.content
    assert ApiToken.objects.filter(user=user).count() == before
    made = client.post(
        reverse("apitokens:create"),
        {"name": "script", "read_only": "on", "current_password": "demo"},
    )
    assert made.status_code == 302
    assert ApiToken.objects.filter(user=user).count() == before + 1


def test_wrong_passwords_at_token_creation_count_towards_the_lockout(client, personas, settings):
    from axes.models import AccessAttempt

    client.force_login(personas["pmo"])
    _stale_authentication(client)
    for _ in range(2):
        client.post(reverse("apitokens:create"), {"name": "x", "current_password": "wrong"})
    assert AccessAttempt.objects.filter(username="pmo").get().failures_since_start == 2


def test_changing_the_email_asks_for_the_password(client, personas):
    user = personas["staff"]
    client.force_login(user)
    _stale_authentication(client)
    data = {
        "display_name": user.display_name,
        "email": "new@example.org",
        "preferred_language": user.preferred_language,
        "duty_station": user.duty_station,
    }
    refused = client.post(reverse("profile"), data)
    assert refused.status_code == 200 and b"Type your current password" in refused.content
    assert User.objects.get(pk=user.pk).email != "new@example.org"
    accepted = client.post(reverse("profile"), {**data, "current_password": "demo"})
    assert accepted.status_code == 302
    assert User.objects.get(pk=user.pk).email == "new@example.org"


def test_other_profile_changes_need_no_password(client, personas):
    user = personas["staff"]
    client.force_login(user)
    _stale_authentication(client)
    response = client.post(
        reverse("profile"),
        {
            "display_name": "Staff member",
            "email": user.email,
            "preferred_language": user.preferred_language,
            "duty_station": user.duty_station,
        },
    )
    assert response.status_code == 302
