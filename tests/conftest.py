import pytest

from tests.testing.browser import browser, page, phone_page  # noqa: F401
from tests.testing.celery import celery_worker_process  # noqa: F401
from tests.testing.faults import own_redis, silent_mail_server, workers  # noqa: F401
from tests.testing.personas import persona_fixtures as _persona_fixtures
from tests.testing.personas import (  # noqa: F401
    personas,
    reference_data,
)

globals().update(_persona_fixtures)


@pytest.fixture(autouse=True)
def _english(settings):
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the reference data and personas once per test database (tests roll back)."""
    from tests.testing.personas import ensure_personas

    with django_db_blocker.unblock():
        ensure_personas()
