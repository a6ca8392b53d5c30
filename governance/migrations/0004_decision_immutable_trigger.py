"""The database itself refuses to change a recorded decision (SQLite and PostgreSQL)."""
from django.db import migrations

SQLITE_CREATE = """
CREATE TRIGGER governance_decision_refuse_update
BEFORE UPDATE ON governance_decision
BEGIN
    SELECT RAISE(ABORT, 'governance_decision rows are immutable: supersede the decision instead');
END;
"""
SQLITE_DROP = "DROP TRIGGER IF EXISTS governance_decision_refuse_update;"

POSTGRES_CREATE = """
CREATE OR REPLACE FUNCTION governance_decision_refuse_update() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'governance_decision rows are immutable: supersede the decision instead'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER governance_decision_refuse_update
BEFORE UPDATE ON governance_decision
FOR EACH ROW EXECUTE FUNCTION governance_decision_refuse_update();
"""
POSTGRES_DROP = """
DROP TRIGGER IF EXISTS governance_decision_refuse_update ON governance_decision;
DROP FUNCTION IF EXISTS governance_decision_refuse_update();
"""


def create_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_CREATE)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_CREATE)


def drop_trigger(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(SQLITE_DROP)
    elif vendor == "postgresql":
        schema_editor.execute(POSTGRES_DROP)


class Migration(migrations.Migration):
    dependencies = [
        ("governance", "0003_meetings_votes_decisions"),
    ]

    operations = [migrations.RunPython(create_trigger, drop_trigger)]
