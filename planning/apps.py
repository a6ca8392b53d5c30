from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlanningConfig(AppConfig):
    name = "planning"
    verbose_name = _("Portfolio planning")

    def ready(self):
        from governance.subjects import register

        from . import selectors, services

        register(
            self.get_model("Scenario"),
            apply_decision=lambda scenario, decision: services.scenario_apply_decision(
                scenario=scenario, decision=decision
            ),
            is_visible_to=selectors.scenario_visible_to,
        )
