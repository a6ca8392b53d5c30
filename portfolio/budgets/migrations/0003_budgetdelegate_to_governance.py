# BudgetDelegate moves to governance (who prepares a unit's figures is the organisation's; staffing
# returns use it too). Here only the model state goes; governance 0005 takes the table over.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('budgets', '0002_budgetline_project'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name='BudgetDelegate')],
            database_operations=[],
        ),
    ]
