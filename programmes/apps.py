from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = _("Programmes")

    def ready(self):
        from core.registry import ReportSection, report_sections

        from .reporting import kpis_as_of, plan_as_of

        # The quarterly portfolio report gathers these figures (core.registry).
        report_sections.register(
            ReportSection("plan", _("Implementation plan"), plan_as_of, order=30)
        )
        report_sections.register(ReportSection("kpis", _("KPIs"), kpis_as_of, order=40))
