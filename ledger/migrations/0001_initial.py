"""The chain table, the refusing triggers on every append-only table, and the rows already
there chained in table and primary-key order (a portal upgraded with data starts its chain
from what it holds)."""

import core.clock
from django.db import migrations, models

from ledger import chain, db

#: The append-only tables at this migration (core.records); later ones get their triggers from
#: ledger.db.on_post_migrate and, if they hold rows already, their own migration here.
TABLES = [
    "budgets_budgetsubmissionevent",
    "governance_attendance",
    "governance_auditentry",
    "governance_decision",
    "governance_opinion",
    "governance_recusal",
    "governance_vote",
    "portfolio_pmoreview",
    "portfolio_projecttransition",
]
MODELS = {
    "budgets_budgetsubmissionevent": ("budgets", "BudgetSubmissionEvent"),
    "governance_attendance": ("governance", "Attendance"),
    "governance_auditentry": ("governance", "AuditEntry"),
    "governance_decision": ("governance", "Decision"),
    "governance_opinion": ("governance", "Opinion"),
    "governance_recusal": ("governance", "Recusal"),
    "governance_vote": ("governance", "Vote"),
    "portfolio_pmoreview": ("portfolio", "PmoReview"),
    "portfolio_projecttransition": ("portfolio", "ProjectTransition"),
}


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    db.install_triggers(connection, [*TABLES, "ledger_link"])
    Link = apps.get_model("ledger", "Link")
    seq, prev, links = 0, chain.GENESIS, []
    for table in TABLES:
        model = apps.get_model(*MODELS[table])
        columns = [field.attname for field in model._meta.concrete_fields]
        pks = list(model._base_manager.order_by("pk").values_list("pk", flat=True))
        for start in range(0, len(pks), 1000):
            rows = chain.read_rows(model, pks[start : start + 1000], columns)
            for pk in pks[start : start + 1000]:
                seq += 1
                digest = chain.link_hash(table, pk, rows[str(pk)], prev)
                links.append(
                    Link(
                        seq=seq,
                        table=table,
                        row_pk=str(pk),
                        columns=",".join(columns),
                        prev_hash=prev,
                        hash=digest,
                    )
                )
                prev = digest
    Link.objects.bulk_create(links, batch_size=1000)


def backwards(apps, schema_editor):
    db.drop_triggers(schema_editor.connection, [*TABLES, "ledger_link"])


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("governance", "0014_attendance_append_only"),
        ("portfolio", "0006_project_newest_first"),
        ("budgets", "0004_cycle_closed_at"),
    ]

    operations = [
        migrations.CreateModel(
            name="Link",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("seq", models.PositiveBigIntegerField(unique=True, verbose_name="position")),
                ("table", models.CharField(max_length=63, verbose_name="table")),
                ("row_pk", models.CharField(max_length=64, verbose_name="row")),
                ("columns", models.TextField(verbose_name="columns")),
                ("prev_hash", models.CharField(max_length=64, unique=True, verbose_name="previous hash")),
                ("hash", models.CharField(max_length=64, unique=True, verbose_name="hash")),
                ("appended_at", models.DateTimeField(default=core.clock.now, verbose_name="appended at")),
            ],
            options={
                "verbose_name": "chain link",
                "verbose_name_plural": "chain links",
                "ordering": ["seq"],
                "constraints": [
                    models.UniqueConstraint(fields=("table", "row_pk"), name="ledger_row_chained_once")
                ],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
