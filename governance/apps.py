from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from . import signals  # noqa: F401
        from .models import Motion
        from .subjects import register

        register(Motion)
