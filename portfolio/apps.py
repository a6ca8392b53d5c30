from django.apps import AppConfig, apps
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from governance.subjects import register

        from . import provenance, selectors, services

        register(
            self.get_model("Project"),
            apply_decision=lambda project, decision: services.project_apply_decision(
                project=project, decision=decision
            ),
            is_visible_to=selectors.project_visible_to,
            visible_among=selectors.projects_visible_among,
            is_party_to=selectors.is_party_to_project,
            pending_among=selectors.projects_pending_among,
            provenance=provenance.decision_records,
        )
        register(
            self.get_model("ResourceEnvelope"),
            apply_decision=lambda envelope, decision: services.envelope_apply_decision(
                envelope=envelope, decision=decision
            ),
            pending_among=selectors.envelopes_pending_among,
        )
        from . import initiatives

        register(
            apps.get_model("programmes", "Initiative"),
            apply_decision=lambda initiative, decision: services.initiative_apply_decision(
                initiative=initiative, decision=decision
            ),
            is_visible_to=initiatives.is_visible_to,
            deciding_body=initiatives.deciding_body,
            decision_outcomes=initiatives.decision_outcomes,
            subject_version=initiatives.subject_version,
        )
        self.register_strategy()
        self.register_board_pack()

    def register_board_pack(self):
        from governance.packs import PackSection, board_pack_sections

        from . import packs

        board_pack_sections.register(
            PackSection(
                "portfolio.project", "portfolio/includes/pack_project.html", packs.project_pack
            )
        )

    def register_strategy(self):
        """Plug the portfolio into the strategy's pages and KPIs (see ``portfolio.strategy``)."""
        from core.registry import KpiSource, kpi_sources
        from governance.performance.sections import service_sections
        from programmes.sections import PageSection, initiative_sections, programme_sections

        from . import initiatives, strategy

        programme_sections.register(
            PageSection(
                "portfolio",
                "portfolio/includes/programme_projects.html",
                strategy.programme_section,
            )
        )
        initiative_sections.register(
            PageSection(
                "portfolio",
                "portfolio/includes/initiative_projects.html",
                strategy.initiative_section,
            )
        )
        initiative_sections.register(
            PageSection(
                "portfolio.priority",
                "portfolio/includes/initiative_priority.html",
                initiatives.priority_section,
                order=50,
            )
        )
        service_sections.register(
            PageSection(
                "portfolio", "portfolio/includes/service_projects.html", strategy.service_section
            )
        )
        for key, label, compute, description in (
            (
                "portfolio.projects_green",
                _("Projects reporting green (%)"),
                strategy.projects_green,
                _("Share of the projects reporting in the period whose latest report is green."),
            ),
            (
                "portfolio.reports_on_time",
                _("Status reports on time (%)"),
                strategy.reports_on_time,
                _(
                    "Share of the period's monthly status reports filed by the end of the "
                    "following month."
                ),
            ),
            (
                "portfolio.budget_execution",
                _("Budget execution (%)"),
                strategy.budget_execution,
                _("Spend to date of the funded projects against their approved cost."),
            ),
        ):
            kpi_sources.register(
                KpiSource(key=key, label=label, unit="%", compute=compute, description=description)
            )
