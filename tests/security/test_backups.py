"""Backup and restore round-trip (issue 17, acceptance 5): ``manage.py backup`` then
``manage.py restore`` finds every record of every table as it was, on the database the suite
runs on (SQLite in CI's first leg, PostgreSQL in its second)."""

import hashlib
import io

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection

from governance.models import User
from tests.testing.personas import ensure_personas

pytestmark = pytest.mark.django_db(transaction=True)


def _plain(value):
    """A value whose repr is its content (PostgreSQL returns binary columns as memoryview)."""
    if isinstance(value, memoryview):
        return bytes(value)
    return value


def fingerprint():
    """Per table: the number of rows and a digest of all of them in key order."""
    found = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = [
            tuple(_plain(value) for value in row)
            for row in model._base_manager.order_by("pk").values_list()
        ]
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        found[model._meta.db_table] = (len(rows), digest)
    return found


def test_a_backup_restores_every_record(tmp_path):
    ensure_personas()
    call_command("load_demo_data", verbosity=0, stdout=io.StringIO())
    before = fingerprint()
    assert sum(count for count, _digest in before.values()) > 1000

    path = tmp_path / ("portal.dump" if connection.vendor == "postgresql" else "portal.sqlite3")
    out = io.StringIO()
    call_command("backup", str(path), stdout=out)
    assert path.stat().st_size > 0 and "Backed up" in out.getvalue()

    # what happens after the backup is undone by the restore
    User.objects.filter(username="staff").update(first_name="Changed")
    User.objects.create(username="after.backup")
    assert fingerprint() != before

    call_command("restore", str(path), interactive=False, stdout=io.StringIO())
    connection.close()  # the next query reconnects and sees the restored database
    after = fingerprint()
    changed = sorted(table for table in before if before[table] != after.get(table))
    assert not changed, f"tables not restored intact: {changed}"
    assert not User.objects.filter(username="after.backup").exists()


def test_restore_refuses_a_missing_file(tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="not a file"):
        call_command("restore", str(tmp_path / "none"), interactive=False)
