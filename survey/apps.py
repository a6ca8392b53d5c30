from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveyConfig(AppConfig):
    name = "survey"
    verbose_name = _("Satisfaction survey")

    def ready(self):
        from core.registry import KpiSource, ReportSection, kpi_sources, report_sections

        from . import selectors
        from .kpi_sources import satisfaction

        # The quarterly portfolio report gathers these figures (core.registry).
        report_sections.register(
            ReportSection("survey", _("User satisfaction"), selectors.satisfaction_as_of, order=20)
        )
        kpi_sources.register(
            KpiSource(
                key="survey.satisfaction",
                label=_("Satisfied users (survey, %)"),
                unit="%",
                compute=satisfaction,
                description=_(
                    "Share of respondents satisfied in the survey that closed in the period; "
                    "parameter topic: a survey topic's code (default: overall effectiveness). "
                    "An ICT unit's KPI counts the unit's respondents."
                ),
            )
        )
