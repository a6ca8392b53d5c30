"""Walk the demo portal as several personas, following every link from the home page, and check
that no page fails and every page keeps the accessibility basics: one main landmark, one h1, a
language, and a label for every form field."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from governance.models import User
from tests.testing.shared import load_demo, once_per_module

pytestmark = pytest.mark.django_db

PERSONAS = ["pmo", "km.chair", "chief.geneva", "advisor", "staff"]
PAGES_PER_PERSONA = 150
SKIP = ("/admin", "/static", "/accounts/logout", "/i18n", "/api/")


class PageCheck(HTMLParser):
    def __init__(self):
        super().__init__()
        self.h1 = self.main = self.label_depth = 0
        self.lang = None
        self.label_targets, self.fields = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "h1":
            self.h1 += 1
        elif tag == "main":
            self.main += 1
        elif tag == "label":
            self.label_depth += 1
            if attrs.get("for"):
                self.label_targets.add(attrs["for"])
        elif tag in ("input", "select", "textarea"):
            if attrs.get("type") in ("hidden", "submit", "button", "reset"):
                return
            named = attrs.get("aria-label") or attrs.get("aria-labelledby") or attrs.get("title")
            self.fields.append(
                (attrs.get("name"), attrs.get("id"), bool(named), self.label_depth > 0)
            )

    def handle_endtag(self, tag):
        if tag == "label":
            self.label_depth -= 1

    def problems(self):
        found = []
        if self.h1 != 1:
            found.append(f"{self.h1} h1 elements")
        if self.main != 1:
            found.append(f"{self.main} main landmarks")
        if not self.lang:
            found.append("no lang on <html>")
        for name, field_id, named, wrapped in self.fields:
            if not (named or wrapped or (field_id and field_id in self.label_targets)):
                found.append(f"field {name!r} has no label")
        return found


demo_data = once_per_module(load_demo, "demo_data")


@pytest.mark.parametrize("username", PERSONAS)
def test_every_linked_page_works_and_keeps_the_accessibility_basics(demo_data, username):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    seen, queue, failures = set(), ["/"], []
    while queue and len(seen) < PAGES_PER_PERSONA:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code >= 500:
            failures.append(f"{url}: {response.status_code}")
            continue
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        check = PageCheck()
        check.feed(html)
        failures.extend(f"{url}: {problem}" for problem in check.problems())
        for href in re.findall(r'href="(/[^"#]*)"', html):
            href = href.replace("&amp;", "&")
            if not href.startswith(SKIP) and href not in seen:
                queue.append(href)
    assert len(seen) > 20, f"only {len(seen)} pages reached"
    assert not failures, "\n".join(failures[:50])


def test_the_page_check_finds_what_it_looks_for():
    check = PageCheck()
    check.feed(
        '<html><body><h1>a</h1><h1>b</h1><input name="q"><label for="x">X</label>'
        '<input id="x" name="x"><label>Y <input name="y"></label><input name="z" aria-label="Z">'
        "</body></html>"
    )
    assert check.problems() == [
        "2 h1 elements",
        "0 main landmarks",
        "no lang on <html>",
        "field 'q' has no label",
    ]
