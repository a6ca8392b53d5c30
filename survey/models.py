from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.Model):
    """A service the satisfaction survey asks about (Annex III), or overall effectiveness."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    is_overall = models.BooleanField(_("overall effectiveness"), default=False)
    reference_satisfaction = models.PositiveSmallIntegerField(
        _("satisfaction in the first survey (%)"), null=True, blank=True
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("survey topic")
        verbose_name_plural = _("survey topics")

    def __str__(self):
        return self.name
