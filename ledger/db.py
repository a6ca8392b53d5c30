"""The database's side of the append-only record: triggers refusing UPDATE and DELETE.

Every append-only table (``core.records``) and the chain itself get a trigger, on SQLite and
PostgreSQL, that refuses to change or delete a row, whoever asks: the ORM, raw SQL, a
database console. The triggers are created by this app's migrations and installed again
after every ``migrate`` (``on_post_migrate``): SQLite drops a table's triggers when a later
migration of the owning app rebuilds the table, and a table made append-only later gets its
trigger without waiting for a migration here.

``maintenance()`` lets the one legitimate bulk removal through, for the length of a
transaction: ``flush`` (which wipes the whole database, chain included) and tests that
tamper with a row on purpose. On SQLite the triggers ask the connection's
``ledger_maintenance()`` function, which this app registers on every connection it opens; a
connection without it (a console) cannot change a row either. On PostgreSQL they read the
``ledger.maintenance`` setting, set for one transaction only.
"""

import contextlib
import contextvars

from django.db import connections, transaction

TRIGGER = "ledger_refuse_change"
MESSAGE = "%s is append-only: its rows are never changed or deleted"

_maintenance = contextvars.ContextVar("ledger_maintenance", default=False)


def sqlite_statements(table):
    message = MESSAGE % table
    return [
        f"""CREATE TRIGGER IF NOT EXISTS {TRIGGER}_{op.lower()}_{table}
        BEFORE {op} ON "{table}" WHEN NOT ledger_maintenance()
        BEGIN SELECT RAISE(ABORT, '{message}'); END;"""
        for op in ("UPDATE", "DELETE")
    ]


POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {TRIGGER}() RETURNS trigger AS $$
BEGIN
    IF current_setting('ledger.maintenance', true) = 'on' THEN
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END IF;
    RAISE EXCEPTION '% is append-only: its rows are never changed or deleted', TG_TABLE_NAME
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
"""


def postgres_statements(table):
    return [
        f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}";',
        f'CREATE TRIGGER {TRIGGER} BEFORE UPDATE OR DELETE ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION {TRIGGER}();",
    ]


def install_triggers(connection, tables):
    """Create the refusing triggers on ``tables`` (idempotent)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            register_sqlite_function(connection.connection)
            for table in tables:
                for statement in sqlite_statements(table):
                    cursor.execute(statement)
        elif connection.vendor == "postgresql":
            cursor.execute(POSTGRES_FUNCTION)
            for table in tables:
                for statement in postgres_statements(table):
                    cursor.execute(statement)


def drop_triggers(connection, tables):
    with connection.cursor() as cursor:
        for table in tables:
            if connection.vendor == "sqlite":
                for op in ("update", "delete"):
                    cursor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER}_{op}_{table};")
            elif connection.vendor == "postgresql":
                cursor.execute(f'DROP TRIGGER IF EXISTS {TRIGGER} ON "{table}";')


def installed_tables(connection):
    """The tables that have both refusals (for the tests and ``ledger_verify``)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT tbl_name, name FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                [f"{TRIGGER}_%"],
            )
            found = {}
            for table, name in cursor.fetchall():
                found.setdefault(table, set()).add(name.split("_")[3])
            return {table for table, ops in found.items() if ops == {"update", "delete"}}
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE t.tgname = %s AND t.tgenabled <> 'D'",
                [TRIGGER],
            )
            return {row[0] for row in cursor.fetchall()}
    return set()


def protected_tables():
    """Every table the triggers must cover: the append-only models' and the chain's."""
    from core.records import append_only_models

    return [model._meta.db_table for model in append_only_models()]


def register_sqlite_function(dbapi_connection):
    dbapi_connection.create_function(
        "ledger_maintenance", 0, lambda: int(_maintenance.get()), deterministic=False
    )


def on_connection_created(sender, connection, **kwargs):
    if connection.vendor == "sqlite":
        register_sqlite_function(connection.connection)


def on_post_migrate(sender, using="default", **kwargs):
    connection = connections[using]
    if "ledger_link" not in connection.introspection.table_names():
        return  # migrated backwards past this app's first migration
    install_triggers(connection, protected_tables())


@contextlib.contextmanager
def maintenance(using="default"):
    """A transaction in which the triggers let rows be changed and deleted: only for
    ``flush`` and for tests that tamper with the record on purpose."""
    token = _maintenance.set(True)
    try:
        with transaction.atomic(using=using):
            connection = connections[using]
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SELECT set_config('ledger.maintenance', 'on', true)")
            yield
    finally:
        _maintenance.reset(token)
