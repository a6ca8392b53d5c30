from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from core.security import on_user_logged_in

        from . import (
            rights,
            signals,  # noqa: F401
        )
        from .models import Motion
        from .selectors import motions_pending_among
        from .subjects import register

        user_logged_in.connect(on_user_logged_in, dispatch_uid="core_security_logged_in")

        register(
            Motion,
            is_visible_to=lambda motion, user: rights.can_see_motion(user, motion),
            is_party_to=lambda motion, user: motion.proposed_by_id == user.pk,
            pending_among=motions_pending_among,
        )
