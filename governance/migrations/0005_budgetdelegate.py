# BudgetDelegate comes from portfolio.budgets (budgets 0003 dropped it from that app's state): the
# existing table is adopted, then renamed; its content type (and so its permissions) follows.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor, source="budgets", target="governance"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=target, model="budgetdelegate").exists():
        ContentType.objects.filter(app_label=source, model="budgetdelegate").update(
            app_label=target
        )


def move_content_type_back(apps, schema_editor):
    move_content_type(apps, schema_editor, source="governance", target="budgets")


class Migration(migrations.Migration):

    dependencies = [
        ('budgets', '0003_budgetdelegate_to_governance'),
        ('contenttypes', '0002_remove_content_type_name'),
        ('governance', '0004_decision_immutable_trigger'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='BudgetDelegate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='named at')),
                        ('named_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='named by')),
                        ('unit', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='budget_delegates', to='governance.organisationunit', verbose_name='unit')),
                        ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='budget_delegations', to=settings.AUTH_USER_MODEL, verbose_name='delegate')),
                    ],
                    options={
                        'verbose_name': 'budget delegate',
                        'verbose_name_plural': 'budget delegates',
                        'ordering': ['unit__name', 'user__username'],
                        'constraints': [models.UniqueConstraint(fields=('unit', 'user'), name='budget_delegate_unique')],
                        'db_table': 'budgets_budgetdelegate',
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name='budgetdelegate', table=None),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
