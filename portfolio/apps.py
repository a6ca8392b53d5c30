from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortfolioConfig(AppConfig):
    name = "portfolio"
    verbose_name = _("Portfolio")

    def ready(self):
        from governance.subjects import register

        register(self.get_model("Project"))
        register(self.get_model("ResourceEnvelope"))
