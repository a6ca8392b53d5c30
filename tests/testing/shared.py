"""Data built once for a test module instead of once for each of its tests.

``once_per_module(build, name)`` makes a module-scoped fixture called ``name``: ``build()``
runs in a transaction that is rolled back after the module's last test. Each test still runs
inside its own savepoint (the function-scoped ``db`` fixture, which ``personas`` requests), so
what one test writes the next never sees. Only for modules whose tests do not need
``transaction=True``."""

import os

import pytest
from django.core.management import call_command
from django.db import transaction


def once_per_module(build, name):
    @pytest.fixture(scope="module", name=name)
    def fixture(django_db_setup, django_db_blocker):
        with django_db_blocker.unblock(), transaction.atomic():
            value = build()
            yield value
            transaction.set_rollback(True)

    fixture.__doc__ = build.__doc__
    return fixture


def load_demo():
    """The demo data (``load_demo_data``), once for the module."""
    with open(os.devnull, "w") as null:
        call_command("load_demo_data", verbosity=0, stdout=null)
