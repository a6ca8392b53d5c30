"""Contract tests: schemathesis generates requests from the OpenAPI schema for every operation,
as five personas, and runs every check it has (the CLI's ``--checks all``). Nothing may get a
server error, a status or a body the schema does not document, and invalid requests must be
refused.

One test per persona (xdist spreads them), each against a database holding the demo data,
loaded once per test and rolled back after:

- ``pmo`` (sees the most, writes business cases), ``km.chair`` (a steering committee's chair:
  meetings, votes, decisions), ``chief.geneva`` (a local ICT chief: budgets and staffing of a
  unit), ``staff`` (staff at large: little to read, nothing to write) and ``api.reader`` (a REST
  client with a read-only token), each with a token of their own.
- Per operation: a share of the schemathesis *coverage* phase (deterministic boundary and
  negative cases: each type mutation, missing required properties and headers, methods the
  operation does not have, media types it does not read), every persona taking a different
  share so together they cover far more than one would, plus *fuzzing* in both modes
  (``POSITIVE`` data that fits the schema and ``NEGATIVE`` data that does not), derandomized.
- Every failure is collected, grouped by operation and check, so one run reports them all.

Budget: CI runs this in both legs (SQLite and PostgreSQL) under ``-n 2``; the sizes below keep
a leg under about four minutes on a busy two-core machine (see the timings in the handoff).
"""

import functools
import os
import time
import zlib

import pytest
import schemathesis
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.failures import Failure
from schemathesis.generation.drivers import CoverageGenerator
from schemathesis.generation.feedback import FeedbackSources
from schemathesis.generation.meta import CoverageScenario
from schemathesis.generation.modes import GenerationMode
from schemathesis.generation.overrides import Override
from schemathesis.specs.openapi import checks as openapi_checks

from governance.apitokens.services import api_token_issue
from governance.models import User

pytestmark = pytest.mark.django_db

# (username, read-only token): five distinct roles
PERSONAS = [
    ("pmo", False),
    ("km.chair", False),
    ("chief.geneva", False),
    ("staff", False),
    ("api.reader", True),
]
# Each persona sends one coverage case in COVERAGE_STRIDE of each operation, starting at its
# own offset (persona i: cases i*2, i*2 + STRIDE, ...): the five together cover an eighth
# of them per run, a different eighth per operation.
COVERAGE_STRIDE = 80
FUZZ_EXAMPLES_PER_MODE = 1
# Missing required headers (If-Match) are few and each proves a rule: every persona sends them.
ALWAYS_SENT = {CoverageScenario.MISSING_PARAMETER}


@pytest.fixture
def keep_connection_open():
    """Like Django's test client: the WSGI handler must not close the test's DB connection."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def all_checks(enforced_operations):
    """Every check schemathesis registers (``--checks all``), with two narrowings, each said."""
    load_all_checks()
    checks = []
    for check in CHECKS.get_all():
        if isinstance(check, type):  # class-based checks are custom ones; none are registered
            continue
        if check is openapi_checks.positive_data_acceptance:
            check = positive_data_acceptance_for_writes_with_state(check)
        elif check is openapi_checks.ignored_auth:
            check = ignored_auth_once_per_operation(check, enforced_operations)
        checks.append(check)
    names = {check.__name__ for check in checks}
    # the checks that need more than one response (a run's history) are in the list: without a
    # stateful phase (the schema declares no links) they have nothing to compare and pass;
    # ``use_after_free`` also needs a DELETE, and the API has none (governance records are
    # append-only).
    assert {"use_after_free", "ensure_resource_availability", "object_level_authorization"} <= names
    return checks


# Django's refusal of a reference to a record (a filter or a field naming a record by code or
# id: ``ModelChoiceField``, ``SlugRelatedField``, ``PrimaryKeyRelatedField``)
REFERENCE_REFUSALS = (
    "Select a valid choice.",
    "does not exist.",
    "Invalid pk",
)


# Rules across a read's parameters that a schema cannot state, each a 400 naming the parameter.
CROSS_PARAMETER_RULES = {
    # at most ten years, from first_year on; high at least low
    "GET /api/v1/planning/frontier/": {"last_year", "high"},
}


def positive_data_acceptance_for_writes_with_state(check):
    """Schema-valid data must be accepted, with narrow exceptions that a schema cannot express.

    - A write (``POST``/``PUT``/``PATCH``) names other records and moves records through
      states: data that fits the schema can still name a record that does not exist, break a
      rule across fields, or ask for a transition the record's state refuses, which the API
      answers with a 400 naming the field; and a generated ``If-Match`` never matches the real
      ETag (412).
    - A read may filter by a record (a body's code, a project's id): one that does not exist is
      a 400 naming the filter, with Django's "Select a valid choice" message; and a few reads
      have rules across their parameters (``CROSS_PARAMETER_RULES``).
    In both cases the body must still be the documented error (``response_schema_conformance``
    runs on it); any other refusal of a read's schema-valid query fails.
    """

    @functools.wraps(check)
    def scoped(ctx, response, case):
        if case.method.upper() in ("POST", "PUT", "PATCH") and response.status_code in (400, 412):
            return None
        if response.status_code == 400 and (
            _only_reference_refusals(response)
            or _fields(response) <= CROSS_PARAMETER_RULES.get(case.operation.label, set())
        ):
            return None
        return check(ctx, response, case)

    return scoped


def _fields(response):
    try:
        return set(response.json()["error"]["fields"]) or {None}
    except (ValueError, KeyError, TypeError):
        return {None}


def _only_reference_refusals(response):
    try:
        fields = response.json()["error"]["fields"]
    except (ValueError, KeyError, TypeError):
        return False
    messages = [message for values in fields.values() for message in values]
    return bool(messages) and all(
        any(refusal in message for refusal in REFERENCE_REFUSALS) for message in messages
    )


def ignored_auth_once_per_operation(check, enforced_operations):
    """Schemathesis' engine proves an operation enforces authentication once per run (it keeps
    the proven operations in ``ctx.auth_enforced_operations``); called directly, the check would
    re-send two probes after every success. Share the set, as the engine does."""

    @functools.wraps(check)
    def once(ctx, response, case):
        ctx.auth_enforced_operations = enforced_operations
        return check(ctx, response, case)

    return once


def coverage_share(cases, offset):
    chosen = [case for case in cases if case.meta.phase.data.scenario in ALWAYS_SENT]
    rest = [case for case in cases if case.meta.phase.data.scenario not in ALWAYS_SENT]
    chosen.extend(rest[offset % COVERAGE_STRIDE :: COVERAGE_STRIDE])
    return chosen


def coverage_cases(schema, operation):
    generation = schema.config.generation_for(operation=operation, phase="coverage")
    return list(
        CoverageGenerator(
            operation=operation,
            generation_modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE],
            generation_config=generation,
            auth_storage=None,
            override=Override(),
            feedback=FeedbackSources(),
        )
    )


def load_schema():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    # A PUT/PATCH of a versioned record without If-Match is refused with 428 Precondition
    # Required (RFC 6585), the status made for exactly that: add it to what the check expects.
    missing_header = schema.config.checks.missing_required_header
    missing_header.expected_statuses = [*missing_header.expected_statuses, "428"]
    return schema


class Failures:
    """Failures grouped by operation and check, with one example each."""

    def __init__(self):
        self.by_key = {}

    def add(self, case, error):
        failures = getattr(error, "exceptions", None) or [error]
        for failure in failures:
            name = type(failure).__name__
            if isinstance(failure, Failure):
                name = failure.title
            key = (case.operation.label, name)
            if key not in self.by_key:
                body = case.body if not isinstance(case.body, type(None)) else None
                self.by_key[key] = (
                    f"{case.operation.label} [{name}]: {case.method} {case.formatted_path} "
                    f"query={case.query} headers={_visible_headers(case)} body={str(body)[:300]}\n"
                    f"{str(error)[:1500]}"
                )

    def report(self):
        return "\n\n".join(self.by_key[key] for key in sorted(self.by_key))


def _visible_headers(case):
    return {k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}


# Five personas over the whole API take minutes each: they run once per CI run, in the leg
# that is deployed (PostgreSQL, Redis and a worker: `.ci/run`), and wherever DATABASE_URL
# names PostgreSQL.
ON_POSTGRESQL = os.environ.get("DATABASE_URL", "").startswith(("postgres://", "postgresql://"))


@pytest.mark.skipif(not ON_POSTGRESQL, reason="runs on PostgreSQL (CI's second leg)")
@pytest.mark.parametrize(("username", "read_only"), PERSONAS, ids=[p[0] for p in PERSONAS])
def test_no_request_gets_a_server_error_or_breaks_the_schema(
    username, read_only, personas, keep_connection_open
):
    call_command("load_demo_data", verbosity=0, stdout=open("/dev/null", "w"))
    _token, key = api_token_issue(
        user=User.objects.get(username=username), name="schemathesis", read_only=read_only
    )
    headers = {"Authorization": f"Token {key}"}
    schema = load_schema()
    checks = all_checks(enforced_operations=set())
    offset = 2 * [p[0] for p in PERSONAS].index(username)
    failures = Failures()
    tested = []

    def send(case):
        sent[0] += 1
        # A savepoint per request: on PostgreSQL one failed statement would otherwise abort
        # the test's transaction and turn every later request into a server error.
        try:
            with transaction.atomic():
                case.call_and_validate(headers=headers, checks=checks)
        # schemathesis raises FailureGroup, a BaseExceptionGroup: catch it too, or the first
        # failing case would hide every later one.
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - collect them all
            failures.add(case, error)

    timings, sent, started = [], [0], time.monotonic()
    for result in schema.get_all_operations():
        operation = result.ok()
        tested.append(operation.label)
        # a stable offset per operation too, so each persona's share differs per operation
        share_offset = offset + zlib.crc32(operation.label.encode())
        for case in coverage_share(coverage_cases(schema, operation), share_offset):
            send(case)
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=FUZZ_EXAMPLES_PER_MODE,
                deadline=None,
                derandomize=True,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def fuzz(case):
                send(case)

            try:
                fuzz()
            except Unsatisfiable:
                # NEGATIVE mode on an operation with nothing to make invalid (no parameter,
                # no body, e.g. ``GET /staffing/trend/``): there is no invalid request to send.
                assert mode is GenerationMode.NEGATIVE, operation.label
        timings.append(f"{operation.label}: {sent[0]} requests, {time.monotonic() - started:.1f}s")
        sent[0] = 0
        started = time.monotonic()

    print("\n".join(timings))
    assert len(tested) > 100, tested
    assert not failures.by_key, failures.report()
