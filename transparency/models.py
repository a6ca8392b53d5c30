"""The one switch of the transparency area: whether the public (signed out) may read it."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock


class PublicationSetting(models.Model):
    """A single row (pk 1), changed only by ``transparency.services.public_access_set``."""

    public_access = models.BooleanField(
        _("open to the public"),
        default=False,
        help_text=_(
            "Signed-out visitors may read the transparency area, its open data and its feed."
        ),
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=clock.now)

    class Meta:
        verbose_name = _("publication setting")
        verbose_name_plural = _("publication settings")

    def __str__(self):
        return str(self._meta.verbose_name)
