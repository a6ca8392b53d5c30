import core.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0001_initial'),
    ]

    # The defaults read core.clock now. A Python-level default changes nothing in the database,
    # so only the state changes (SQLite would otherwise rebuild each table, and with
    # governance_decision its trigger).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='quarterlyreport',
                    name='generated_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='generated at'),
                ),
                migrations.AlterField(
                    model_name='reportrun',
                    name='queued_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='queued at'),
                ),
            ],
            database_operations=[],
        ),
    ]
