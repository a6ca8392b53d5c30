from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    """ICT units' performance (para 46) and the service catalogue (paras 16, 64).

    It fills what ``programmes`` (below governance) needs to run its KPIs: who may do what,
    which codes name ICT units, and the audit writer (``programmes.policy``); and it offers
    the service-level attainment source to KPIs.
    """

    name = "governance.performance"
    label = "performance"
    verbose_name = _("Performance and services")

    def ready(self):
        from core.registry import KpiSource, kpi_sources
        from programmes.policy import set_policy

        from .policy import GovernancePolicy
        from .sources import service_level_attainment

        set_policy(GovernancePolicy())
        kpi_sources.register(
            KpiSource(
                key="services.attainment",
                label=_("Service levels met (%)"),
                unit="%",
                compute=service_level_attainment,
                description=_(
                    "Share of the service levels measured in the period that met their target; "
                    "parameter service: one service's code (default: every service, or those "
                    "the owning ICT unit runs)."
                ),
            )
        )
