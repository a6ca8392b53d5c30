import core.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('portfolio', '0002_pg_trgm'),
    ]

    # The defaults read core.clock now. A Python-level default changes nothing in the database,
    # so only the state changes (SQLite would otherwise rebuild each table, and with
    # governance_decision its trigger).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='businesscase',
                    name='created_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='created at'),
                ),
                migrations.AlterField(
                    model_name='pmoreview',
                    name='created_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='reviewed at'),
                ),
                migrations.AlterField(
                    model_name='project',
                    name='created_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='created at'),
                ),
                migrations.AlterField(
                    model_name='project',
                    name='updated_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='updated at'),
                ),
                migrations.AlterField(
                    model_name='projecttransition',
                    name='at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='at'),
                ),
                migrations.AlterField(
                    model_name='resourceenvelope',
                    name='created_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='created at'),
                ),
                migrations.AlterField(
                    model_name='score',
                    name='created_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='scored at'),
                ),
                migrations.AlterField(
                    model_name='statusreport',
                    name='created_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='filed at'),
                ),
            ],
            database_operations=[],
        ),
    ]
