"""Contract tests: schemathesis generates requests from the OpenAPI schema for every operation
and checks that none gets a server error or a response that breaks the schema. It runs as the
PMO officer (who may see the most) against a database holding the demo data.

All operations run inside one test, so the demo data is loaded once and rolled back after.
"""

import pytest
import schemathesis
from django.core.management import call_command
from django.core.wsgi import get_wsgi_application
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from governance.apitokens.services import api_token_issue
from governance.models import User

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EXAMPLES_PER_OPERATION = 10


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


def test_no_request_gets_a_server_error_or_breaks_the_schema(personas, keep_connection_open):
    call_command("load_demo_data", verbosity=0, stdout=open("/dev/null", "w"))
    _token, key = api_token_issue(user=User.objects.get(username="pmo"), name="schemathesis")
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/", get_wsgi_application())
    failures, tested = [], []
    for result in schema.get_all_operations():
        operation = result.ok()
        tested.append(operation.label)

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # A savepoint per request: on PostgreSQL one failed statement would otherwise abort
            # the test's transaction and turn every later request into a server error.
            with transaction.atomic():
                case.call_and_validate(headers={"Authorization": f"Token {key}"}, checks=CHECKS)

        try:
            check()
        # schemathesis raises FailureGroup, a BaseExceptionGroup: catch it too, or the first
        # failing operation would hide every later one.
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - collect them all
            failures.append(f"{operation.label}: {error}"[:2000])
    assert tested, "the schema lists no operation"
    assert not failures, "\n\n".join(failures)
