from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StaffingConfig(AppConfig):
    name = "staffing"
    verbose_name = _("ICT staffing")

    def ready(self):
        from core.registry import KpiSource, ReportSection, kpi_sources, report_sections

        from . import selectors
        from .kpi_sources import headcount

        # The quarterly portfolio report gathers these figures (core.registry).
        report_sections.register(
            ReportSection("staffing", _("ICT staffing"), selectors.staffing_summary, order=10)
        )
        kpi_sources.register(
            KpiSource(
                key="staffing.headcount",
                label=_("ICT staff (Annex IV)"),
                unit="staff",
                compute=headcount,
                description=_(
                    "ICT staff on the period's last day; parameter category: d, p, fs, gs, "
                    "local, unv, icc, contractors, international or total (default)."
                ),
            )
        )
