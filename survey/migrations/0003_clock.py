import core.clock
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('survey', '0002_response_comment_responseimport_and_more'),
    ]

    # The defaults read core.clock now. A Python-level default changes nothing in the database,
    # so only the state changes (SQLite would otherwise rebuild each table, and with
    # governance_decision its trigger).
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='responseimport',
                    name='uploaded_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='uploaded at'),
                ),
                migrations.AlterField(
                    model_name='survey',
                    name='created_at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='created at'),
                ),
                migrations.AlterField(
                    model_name='surveyevent',
                    name='at',
                    field=models.DateTimeField(default=core.clock.now, verbose_name='at'),
                ),
            ],
            database_operations=[],
        ),
    ]
