"""Every form in the portal, posted with bad values, answers without a server error.

The demo portal is walked as several personas (following links from the home page, as the
site crawl does); every POST form found is posted three times: with every field empty, with
every field wrong (words in numbers, unknown choices, impossible dates) and with every field
extreme (huge numbers, very long texts). No answer may be a 5xx, and every
``aria-describedby`` on a page that comes back must point at an element that exists."""

import re
from html.parser import HTMLParser

import pytest
from django.test import Client

from governance.models import User
from tests.testing.shared import load_demo, once_per_module

pytestmark = pytest.mark.django_db

PERSONAS = ["pmo", "km.chair", "chief.geneva", "budget.reviewer", "advisor", "staff", "proponent"]
PAGES_PER_PERSONA = 90
SKIP = ("/admin", "/static", "/accounts/logout", "/i18n", "/api/", "/accounts/tokens")
SKIP_ACTIONS = ("/accounts/logout/", "/i18n/setlang/")


class FormFinder(HTMLParser):
    """The POST forms of a page, their actions and fields; and the ids and describedby refs."""

    def __init__(self):
        super().__init__()
        self.forms, self.current = [], None
        self.ids, self.described = set(), []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if attrs.get("aria-describedby"):
            self.described.append(attrs["aria-describedby"])
        if tag == "form":
            if (attrs.get("method") or "get").lower() == "post":
                self.current = {"action": attrs.get("action") or "", "fields": {}}
                self.forms.append(self.current)
            else:
                self.current = None
        elif self.current is not None and tag in ("input", "select", "textarea", "button"):
            name = attrs.get("name")
            if not name or name == "csrfmiddlewaretoken":
                return
            kind = "select" if tag == "select" else attrs.get("type") or tag
            if kind in ("file",):
                return
            self.current["fields"].setdefault(name, (kind, attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None

    def missing_references(self):
        return [ref for refs in self.described for ref in refs.split() if ref not in self.ids]


WRONG = {
    "number": "twelve",
    "date": "2026-02-31",
    "datetime-local": "yesterday",
    "select": "no-such-choice",
    "checkbox": "maybe",
    "radio": "neither",
    "hidden": "x!",
    "submit": None,
}


def variants(fields):
    """Three posts of a form: every field empty, wrong, extreme (buttons keep their value)."""

    def post(value_for):
        data = {}
        for name, (kind, default) in fields.items():
            if kind in ("submit", "button"):
                if default:
                    data[name] = default
                continue
            data[name] = value_for(kind, default)
        return data

    return [
        post(lambda kind, default: ""),
        post(lambda kind, default: WRONG.get(kind) or "\u202e<b>wrong</b> '; --"),
        post(
            lambda kind, default: (
                "9" * 40 if kind in ("number", "hidden", "select") else "x" * 20000
            )
        ),
    ]


def signature(action, fields):
    return re.sub(r"\d+", "N", action), tuple(sorted(re.sub(r"\d+", "N", f) for f in fields))


demo_data = once_per_module(load_demo, "demo_data")


@pytest.mark.parametrize("username", PERSONAS)
def test_no_form_gives_a_server_error_on_bad_input(demo_data, username):
    client = Client(raise_request_exception=False)
    client.force_login(User.objects.get(username=username))
    seen, queue, posted, failures = set(), ["/"], set(), []
    forms = []
    while queue and len(seen) < PAGES_PER_PERSONA:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = response.content.decode()
        finder = FormFinder()
        finder.feed(html)
        for form in finder.forms:
            action = form["action"] or url
            if not action.startswith(SKIP_ACTIONS) and action.startswith("/"):
                forms.append((url, action, form["fields"]))
        for href in re.findall(r'href="(/[^"#]*)"', html):
            href = href.replace("&amp;", "&")
            if not href.startswith(SKIP) and href not in seen and "format=" not in href:
                queue.append(href)
    for page, action, fields in forms:
        key = signature(action, fields)
        if key in posted:
            continue
        posted.add(key)
        for data in variants(fields):
            response = client.post(action, data, HTTP_REFERER=f"http://testserver{page}")
            if response.status_code >= 500:
                failures.append(f"POST {action} from {page} {sorted(data)}: {response.status_code}")
                continue
            if "text/html" in response.get("Content-Type", ""):
                finder = FormFinder()
                finder.feed(response.content.decode())
                missing = finder.missing_references()
                if missing:
                    failures.append(f"POST {action}: aria-describedby to missing ids {missing}")
    assert len(posted) >= 3, f"only {len(posted)} forms found"
    assert not failures, "\n".join(failures[:40])
