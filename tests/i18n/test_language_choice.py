"""The profile's language, the header's switcher and the browser's language agree; what the
portal writes to a person (notifications, e-mails) is in that person's language."""

from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import translation

from governance.notifications import notify


def switch(client, language, next_url="/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_a_profile_language_of_chinese_does_not_block_switching_back_to_english(client, staff):
    staff.preferred_language = "zh-hans"
    staff.save()
    client.force_login(staff)
    assert client.get(reverse("home"))["Content-Language"] == "zh-hans"

    response = switch(client, "en")

    assert response.status_code == 302
    staff.refresh_from_db()
    assert staff.preferred_language == "en"
    page = client.get(reverse("home"))
    assert page["Content-Language"] == "en"
    assert '<html lang="en"' in page.content.decode()


def test_an_explicit_switch_wins_over_the_browser_and_is_remembered(client, staff):
    client.force_login(staff)
    switch(client, "ru")
    staff.refresh_from_db()
    assert staff.preferred_language == "ru"
    response = client.get(reverse("home"), headers={"accept-language": "es"})
    assert response["Content-Language"] == "ru"


def test_without_a_profile_language_the_browser_language_is_used(client, staff):
    client.force_login(staff)
    response = client.get(reverse("home"), headers={"accept-language": "fr-CH,fr;q=0.9"})
    assert response["Content-Language"] == "fr"


def test_the_sign_in_page_follows_the_browser(client):
    response = client.get(reverse("login"), headers={"accept-language": "ar"})
    assert response["Content-Language"] == "ar"
    assert 'dir="rtl"' in response.content.decode()


def test_the_language_cookie_follows_the_profile(client, staff):
    staff.preferred_language = "es"
    staff.save()
    client.force_login(staff)
    response = client.get(reverse("home"))
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "es"


def test_an_anonymous_switch_sets_only_the_cookie(client):
    response = switch(client, "fr", "/accounts/login/")
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "fr"


def test_an_unknown_language_changes_nothing(client, staff):
    client.force_login(staff)
    switch(client, "xx")
    staff.refresh_from_db()
    assert staff.preferred_language == ""


def test_notifications_are_written_in_each_recipients_language(db, staff, pmo, cito):
    staff.preferred_language = "fr"
    staff.save()
    pmo.preferred_language = "ar"
    pmo.save()
    with translation.override("en"):
        created = notify(
            recipients=[staff, pmo, cito],
            subject=lambda: f"subject in {translation.get_language()}",
            body=lambda: f"body in {translation.get_language()}",
        )
    by_user = {n.recipient.username: (n.subject, n.body) for n in created}
    assert by_user == {
        "staff": ("subject in fr", "body in fr"),
        "pmo": ("subject in ar", "body in ar"),
        "cito": ("subject in en", "body in en"),
    }


def test_a_password_reset_link_is_mailed_in_the_owners_language(client, staff, monkeypatch):
    from django.template import loader

    staff.preferred_language = "fr"
    staff.email = "staff@example.org"
    staff.save()
    render = loader.render_to_string
    languages = []

    def spy(*args, **kwargs):
        languages.append(translation.get_language())
        return render(*args, **kwargs)

    monkeypatch.setattr(loader, "render_to_string", spy)
    client.post(
        reverse("password_reset"), {"email": "staff@example.org"}, headers={"accept-language": "en"}
    )
    assert len(mail.outbox) == 1
    assert languages and set(languages) == {"fr"}
