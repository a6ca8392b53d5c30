"""Issuing, revoking and checking API tokens: the profile page, the management command and
the DRF authentication class all call these."""

import datetime
import hmac

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from core import clock

from .models import PREFIX_LENGTH, ApiToken, generate_key, hash_key

# last_used_at is refreshed at most this often, so reads do not each cost a write.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


def api_token_issue(*, user, name, read_only=False, expires_days=None, key=None):
    """Create a token and return ``(token, key)``; the key is never stored and shown once."""
    if expires_days is not None and expires_days <= 0:
        raise ValidationError({"expires_days": _("A token must be valid for at least one day.")})
    key = key or generate_key()
    expires_at = clock.now() + datetime.timedelta(days=expires_days) if expires_days else None
    token = ApiToken(
        user=user,
        name=name or _("API token"),
        prefix=key[:PREFIX_LENGTH],
        key_hash=hash_key(key),
        read_only=read_only,
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    return token, key


def api_token_revoke(*, token, actor):
    if token.user_id != actor.pk and not actor.is_superuser:
        raise PermissionError(_("You can revoke only your own tokens."))
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = clock.now()
            token.save(update_fields=["revoked_at"])
    return token


def api_token_authenticate(key):
    """The active token for ``key`` with its user, or ``None``."""
    if not key or len(key) < PREFIX_LENGTH:
        return None
    digest = hash_key(key)
    candidates = ApiToken.objects.active().select_related("user").filter(prefix=key[:PREFIX_LENGTH])
    for token in candidates:
        if hmac.compare_digest(token.key_hash, digest) and token.user.is_active:
            now = clock.now()
            if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
                ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
                token.last_used_at = now
            return token
    return None
