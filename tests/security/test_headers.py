"""Response hardening: a Content Security Policy without inline script, the API docs UI from
the portal's own static files, Permissions-Policy, and no-store on signed-in pages."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def test_the_policy_allows_no_inline_script_or_style(client, personas):
    client.force_login(personas["pmo"])
    policy = client.get("/")["Content-Security-Policy"]
    directives = dict(
        (part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip()
    )
    assert directives["script-src"] == ["'self'"]
    assert directives["style-src"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


def test_no_template_has_an_inline_script_handler_or_style():
    found = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text()
        # PDF templates are rendered by WeasyPrint on the server, never served to a browser:
        # their stylesheet is inline by design, and the CSP does not apply to them.
        pdf = "pdf" in path.relative_to(TEMPLATES).parts
        patterns = (
            (INLINE_SCRIPT, INLINE_HANDLER)
            if pdf
            else (INLINE_SCRIPT, INLINE_HANDLER, INLINE_STYLE)
        )
        for pattern in patterns:
            found.extend(
                f"{path.relative_to(TEMPLATES)}: {m.group(0)!r}" for m in pattern.finditer(text)
            )
    assert not found, "\n".join(found)


def test_the_inline_check_finds_what_it_looks_for():
    sample = '<script>x()</script><script src="/a.js"></script><a onclick="x()"><p style="a">'
    assert len(INLINE_SCRIPT.findall(sample)) == 1
    assert len(INLINE_HANDLER.findall(sample)) == 1
    assert len(INLINE_STYLE.findall(sample)) == 1


def test_the_api_docs_load_only_the_portals_own_files(client):
    page = client.get("/api/v1/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "cdn" not in html.lower() and "https://" not in html
    assert not INLINE_SCRIPT.search(html) and not INLINE_STYLE.search(html)
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    static = [s for s in sources if s.startswith(settings.STATIC_URL) or s.startswith("/static/")]
    assert any("swagger-ui-bundle.js" in s for s in static)
    for source in static:
        relative = source.split("static/", 1)[1].split("?")[0]
        assert finders.find(relative), f"{source} is not one of the portal's static files"
    script = next(s for s in sources if "script" in s and not s.startswith("/static/"))
    start = client.get(script.replace("&amp;", "&"))
    assert start.status_code == 200
    assert "javascript" in start["Content-Type"]
    assert b"SwaggerUIBundle" in start.content


def test_every_response_has_a_permissions_policy(client):
    response = client.get("/accounts/login/")
    assert "camera=()" in response["Permissions-Policy"]


def test_signed_in_pages_and_api_answers_are_not_stored(client, personas):
    client.force_login(personas["pmo"])
    for url in ("/", "/portfolio/", "/api/v1/projects/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "no-store" in cache_control and "private" in cache_control, url


def test_token_clients_get_no_store(personas):
    from tests.testing.api import token_client

    response = token_client(personas["api.reader"]).get("/api/v1/projects/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
