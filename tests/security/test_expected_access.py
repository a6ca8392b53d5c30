"""Every URL pattern of the portal (pages, downloads, the API, the admin), requested as every demo
persona and anonymously, answers as ``tests/security/expected_access.py`` says (issue 17,
acceptance 2). A pattern without an entry fails ``test_every_url_pattern_has_an_entry``.

A page or endpoint that answers ``GET`` is read; one that answers it with 405 is posted empty
(a write is rolled back, so nothing changes between requests). The demo is loaded once for the
module. Set ``EXPECTED_ACCESS_DUMP=path.json`` to write what each persona got."""

import json
import os

import pytest
from django.test import Client

from governance.models import User
from tests.security import expected_access, url_walk
from tests.testing.personas import PERSONA_NAMES
from tests.testing.shared import load_demo, once_per_module

WHO = (expected_access.ANONYMOUS, *PERSONA_NAMES)


def _demo():
    """The demo data, loaded once for this module and rolled back after it."""
    load_demo()
    return url_walk.demo_objects()


demo = once_per_module(_demo, "demo")


@pytest.fixture(scope="module")
def observed():
    found = {}
    yield found
    path = os.environ.get("EXPECTED_ACCESS_DUMP")
    if path:
        with open(path, "w") as out:
            json.dump(found, out, indent=1, sort_keys=True)


def test_every_url_pattern_has_an_entry():
    patterns = url_walk.url_patterns()
    missing = sorted(key for key, p in patterns.items() if not expected_access.covers(p, patterns))
    assert not missing, (
        "URL patterns without an entry in tests/security/expected_access.py (say who may "
        "use each):\n" + "\n".join(missing)
    )
    stale = sorted(set(expected_access.EXPECTED) - set(patterns))
    assert not stale, f"entries for URL patterns that no longer exist: {stale}"


@pytest.mark.parametrize("who", WHO)
def test_every_url_pattern_answers_each_persona_as_expected(demo, observed, db, who):
    client = Client(raise_request_exception=False)
    user = None
    if who != expected_access.ANONYMOUS:
        user = User.objects.get(username=who)
        client.force_login(user)
    wrong = []
    for key, pattern in sorted(url_walk.url_patterns().items()):
        url = url_walk.example_url(pattern, demo)
        if url is None:
            continue
        method = "get"
        response = url_walk.request(client, method, url)
        if response.status_code == 405:
            method = "post"
            response = url_walk.request(client, method, url)
        status = url_walk.status_class(response)
        observed.setdefault(key, {"url": url, "method": method})[who] = status
        allowed = expected_access.expected(pattern, who, user)
        if status not in allowed:
            wrong.append(f"{method.upper()} {url} ({key}): {status}, expected {'/'.join(allowed)}")
    assert not wrong, f"{len(wrong)} answers to {who} differ from the table:\n" + "\n".join(wrong)
