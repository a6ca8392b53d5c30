"""Switching the public's access to the transparency area: OICT's portal administrators."""

from django.db import transaction

from core import clock
from governance import rights
from governance.audit import audit

from .models import PublicationSetting


def public_access_set(*, actor, enabled):
    rights.check_administer_structure(actor)
    with transaction.atomic():
        setting, _created = PublicationSetting.objects.select_for_update().get_or_create(pk=1)
        before = setting.public_access
        setting.public_access = bool(enabled)
        setting.changed_by = actor
        setting.changed_at = clock.now()
        setting.save(update_fields=["public_access", "changed_by", "changed_at"])
        audit(
            actor=actor,
            action="transparency.public_access",
            target=setting,
            summary="on" if enabled else "off",
            before=before,
        )
    return setting
