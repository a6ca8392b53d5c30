import core.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('governance', '0005_budgetdelegate'),
    ]

    # The defaults read core.clock now. A Python-level default changes nothing in the database,
    # so only the state changes (SQLite would otherwise rebuild each table, and with
    # governance_decision its trigger).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='attendance',
                    name='recorded_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='recorded at'),
                ),
                migrations.AlterField(
                    model_name='auditentry',
                    name='created_at',
                    field=models.DateTimeField(db_index=True, default=core.clock.now, verbose_name='at'),
                ),
                migrations.AlterField(
                    model_name='decision',
                    name='recorded_at',
                    field=models.DateTimeField(db_index=True, default=core.clock.now, verbose_name='recorded at'),
                ),
                migrations.AlterField(
                    model_name='motion',
                    name='created_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='created at'),
                ),
                migrations.AlterField(
                    model_name='notification',
                    name='created_at',
                    field=models.DateTimeField(db_index=True, default=core.clock.now, verbose_name='created at'),
                ),
                migrations.AlterField(
                    model_name='opinion',
                    name='created_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='given at'),
                ),
                migrations.AlterField(
                    model_name='recusal',
                    name='declared_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='declared at'),
                ),
                migrations.AlterField(
                    model_name='vote',
                    name='cast_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='cast at'),
                ),
            ],
            database_operations=[],
        ),
    ]
