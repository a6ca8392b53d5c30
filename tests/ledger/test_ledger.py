"""The tamper-evident record (issue 11, acceptance 4; issue 17, "Records").

Append-only tables refuse UPDATE and DELETE through the ORM and raw SQL (database triggers on
SQLite and PostgreSQL); every appended row is chained; ``ledger_verify`` and the standalone
``tools/verify_ledger.py`` name a row changed or deleted behind the application's back.
"""

import json
import pathlib
import subprocess
import sys

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import DatabaseError, IntegrityError, connection, transaction

from core.records import AppendOnlyError, append_only_models
from governance.models import AgendaItem, AuditEntry, Recusal, Vote
from ledger import chain, db
from ledger.models import Link
from tests.testing.shared import load_demo, once_per_module

pytestmark = pytest.mark.django_db

SCRIPT = pathlib.Path(__file__).resolve().parents[2] / "tools" / "verify_ledger.py"


demo = once_per_module(load_demo, "demo")


def verify_command():
    try:
        call_command("ledger_verify", stdout=open("/dev/null", "w"))
    except CommandError as error:
        return str(error)
    return "holds"


def verify_export(tmp_path):
    """Export the chain and check it with the standalone script, without site-packages
    (``-I -S``: no Django, no database driver)."""
    path = tmp_path / "ledger.jsonl"
    call_command("ledger_export", str(path), stdout=open("/dev/null", "w"))
    done = subprocess.run(
        [sys.executable, "-I", "-S", str(SCRIPT), str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout


def tamper(sql, params=()):
    """Change the database behind the application's back: the triggers let it through only
    inside ``maintenance()``, as a person with the database's keys could."""
    with db.maintenance(), connection.cursor() as cursor:
        cursor.execute(sql, params)


# --------------------------------------------------------------------------- the chain


def test_ledger_verify_and_the_standalone_script_pass_on_the_demo_data(demo, tmp_path):
    assert verify_command() == "holds"
    result = chain.verify()
    assert result.ok and result.links == Link.objects.count() > 500
    code, out = verify_export(tmp_path)
    assert code == 0, out
    assert f"head {result.head_hash}" in out
    chained = set(Link.objects.values_list("table", flat=True))
    assert chained <= {model._meta.db_table for model in chain.chained_models()}
    assert {"governance_decision", "governance_vote", "portfolio_projecttransition"} < chained


def test_a_row_changed_behind_the_apps_back_is_named(demo, tmp_path):
    vote = Vote.objects.order_by("pk")[3]
    flipped = "against" if vote.choice == "for" else "for"
    tamper("UPDATE governance_vote SET choice = %s WHERE id = %s", [flipped, vote.pk])
    message = verify_command()
    assert f"governance_vote row {vote.pk}: the row was changed" in message
    code, out = verify_export(tmp_path)
    assert code == 1
    assert f"governance_vote row {vote.pk}: the row was changed" in out


def test_a_row_deleted_behind_the_apps_back_is_named(demo, tmp_path):
    entry = AuditEntry.objects.order_by("pk")[10]
    tamper("DELETE FROM governance_auditentry WHERE id = %s", [entry.pk])
    message = verify_command()
    assert f"governance_auditentry row {entry.pk}: the row was deleted" in message
    code, out = verify_export(tmp_path)
    assert code == 1
    assert f"governance_auditentry row {entry.pk}: the row was deleted" in out


def test_a_link_rewritten_to_match_a_changed_row_breaks_the_next_link(demo):
    vote = Vote.objects.order_by("pk").first()
    link = Link.objects.get(table="governance_vote", row_pk=str(vote.pk))
    tamper("UPDATE governance_vote SET choice = 'abstain' WHERE id = %s", [vote.pk])
    row = chain.read_rows(Vote, [vote.pk], link.columns.split(","))[str(vote.pk)]
    forged = chain.link_hash("governance_vote", vote.pk, row, link.prev_hash)
    tamper("UPDATE ledger_link SET hash = %s WHERE id = %s", [forged, link.pk])
    following = Link.objects.get(seq=link.seq + 1)
    assert f"link #{following.seq}: {following.table} row {following.row_pk}" in (verify_command())


def test_a_row_written_around_the_chain_is_named(personas):
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO governance_auditentry (action, content_type_id, object_id, summary, "
            "data, created_at) VALUES ('forged', 1, '1', '', '{}', '2026-01-01 00:00:00')"
        )
    forged = AuditEntry.objects.get(action="forged")
    assert f"governance_auditentry row {forged.pk}: the row is not in the chain" in (
        verify_command()
    )


def test_bulk_created_rows_are_chained_in_the_same_transaction(personas):
    before = Link.objects.count()
    AuditEntry.objects.bulk_create(
        [AuditEntry(action="test.bulk", content_type_id=1, object_id=str(n)) for n in range(3)]
    )
    assert Link.objects.count() == before + 3
    assert chain.verify().ok


def test_the_standalone_script_repeats_the_apps_hash():
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        import verify_ledger
    finally:
        sys.path.remove(str(SCRIPT.parent))
    row = {"id": 7, "choice": "for", "data": {"b": [1, 2.5], "a": "é"}, "at": None}
    assert verify_ledger.link_hash("t", 7, row, chain.GENESIS) == chain.link_hash(
        "t", 7, row, chain.GENESIS
    )


# --------------------------------------------------------------------------- refusals


def test_every_append_only_table_has_its_refusing_triggers():
    tables = set(db.protected_tables())
    assert {
        "governance_decision",
        "governance_vote",
        "governance_recusal",
        "governance_opinion",
        "governance_attendance",
        "governance_auditentry",
        "portfolio_projecttransition",
        "portfolio_pmoreview",
        "budgets_budgetsubmissionevent",
        "ledger_link",
    } <= tables
    assert tables <= db.installed_tables(connection)


def _refused(action):
    try:
        with transaction.atomic():
            action()
    except (DatabaseError, ValidationError) as error:
        return error
    return None


def test_update_and_delete_are_refused_on_every_append_only_table(demo, personas):
    if not Recusal.objects.exists():  # the demo declares none
        item = AgendaItem.objects.filter(kind="decision").first()
        Recusal.objects.create(item=item, member=personas["staff"], reason="A test")
    for model in append_only_models():
        instance = model._base_manager.order_by("pk").first()
        assert instance is not None, f"the demo has no {model._meta.label}"
        _assert_refused(model, instance)
    assert chain.verify().ok


def _assert_refused(model, instance):
    table, pk, column = model._meta.db_table, instance.pk, model._meta.pk.column
    queryset = model.objects.filter(pk=pk)
    assert isinstance(_refused(lambda: queryset.update(pk=pk)), AppendOnlyError), table
    assert isinstance(_refused(lambda: queryset.delete()), AppendOnlyError), table
    assert _refused(lambda: instance.save()) is not None, table
    assert _refused(lambda: instance.delete()) is not None, table
    assert _refused(lambda: model._base_manager.filter(pk=pk).delete()) is not None, table

    def raw(sql):
        with connection.cursor() as cursor:
            cursor.execute(sql, [pk])

    same = f'"{column}" = "{column}"'
    error = _refused(lambda: raw(f'UPDATE "{table}" SET {same} WHERE "{column}" = %s'))
    assert isinstance(error, DatabaseError), table
    assert "append-only" in str(error) or "immutable" in str(error), str(error)
    error = _refused(lambda: raw(f'DELETE FROM "{table}" WHERE "{column}" = %s'))
    assert isinstance(error, DatabaseError) and "append-only" in str(error), table
    assert model._base_manager.filter(pk=pk).exists()


def test_sqlite_triggers_refuse_a_console_without_the_apps_function(tmp_path):
    """A database console (the sqlite3 shell) has no ``ledger_maintenance()``: the triggers
    fail closed there, they cannot be satisfied."""
    import sqlite3

    app = sqlite3.connect(tmp_path / "t.sqlite3")
    db.register_sqlite_function(app)
    app.execute("CREATE TABLE records (id INTEGER PRIMARY KEY, text TEXT)")
    app.execute("INSERT INTO records (text) VALUES ('kept')")
    for statement in db.sqlite_statements("records"):
        app.execute(statement)
    app.commit()
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        app.execute("DELETE FROM records")
    app.close()
    console = sqlite3.connect(tmp_path / "t.sqlite3")
    for statement in ("DELETE FROM records", "UPDATE records SET text = 'changed'"):
        with pytest.raises(sqlite3.OperationalError, match="ledger_maintenance"):
            console.execute(statement)
    assert console.execute("SELECT text FROM records").fetchall() == [("kept",)]
    console.close()


def test_the_database_error_is_an_integrity_error_on_postgresql(personas):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's error code")
    AuditEntry.objects.create(action="x", content_type_id=1, object_id="1")
    with pytest.raises(IntegrityError), connection.cursor() as cursor:
        cursor.execute("UPDATE governance_auditentry SET summary = 'changed'")


def test_the_export_is_json_lines_with_a_header(demo, tmp_path):
    path = tmp_path / "e.jsonl"
    call_command("ledger_export", str(path), stdout=open("/dev/null", "w"))
    lines = path.read_text(encoding="utf-8").splitlines()
    header, first = json.loads(lines[0]), json.loads(lines[1])
    assert header["format"] == 1 and header["genesis"] == chain.GENESIS
    assert set(first) == {"seq", "table", "pk", "row", "prev", "hash", "at"}
    assert len(lines) == Link.objects.count() + 1
