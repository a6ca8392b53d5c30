from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    """The quarterly portfolio report for the Executive Committee, built by Celery."""

    name = "portfolio.reports"
    label = "reports"
    verbose_name = _("Quarterly reports")
