from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BudgetsConfig(AppConfig):
    """ICT unit budgets: the financial side of the portfolio, beside the projects they fund."""

    name = "portfolio.budgets"
    label = "budgets"
    verbose_name = _("ICT budgets")
