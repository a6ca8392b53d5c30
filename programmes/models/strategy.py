from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..choices import Timeframe


class Programme(models.Model):
    """One of the three strategic programmes; each is owned by one steering committee."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    goal = models.TextField(_("goal"))
    builds_on = models.ManyToManyField(
        "self", verbose_name=_("builds on"), symmetrical=False, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["order"]
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:detail", args=[self.code])


class Objective(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="objectives"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("objective"))

    class Meta:
        ordering = ["programme__order", "order"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")
        constraints = [
            models.UniqueConstraint(fields=["programme", "order"], name="objective_order_unique"),
        ]

    def __str__(self):
        return self.text


class Initiative(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="initiatives"
    )
    code = models.SlugField(_("code"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    timeframe = models.CharField(_("timeframe"), max_length=16, choices=Timeframe.choices)
    description = models.TextField(_("description"), blank=True)
    benefit = models.TextField(_("organisational benefit"), blank=True)
    #: The Executive Committee's rank (1 is the highest priority, para 49(i)), set only by its
    #: "prioritised" decision (``priority_decision_id``), through the app that registers
    #: initiatives as governance subjects.
    priority_rank = models.PositiveSmallIntegerField(
        _("Executive Committee priority"), null=True, blank=True
    )
    priority_decision_id = models.PositiveBigIntegerField(
        _("governance decision"), null=True, blank=True
    )

    class Meta:
        ordering = ["programme__order", "order"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programmes:initiative", args=[self.code])


class PriorityArea(models.Model):
    """A cross-cutting priority area of the strategy (paras 14-19)."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["order"]
        verbose_name = _("priority area")
        verbose_name_plural = _("priority areas")

    def __str__(self):
        return self.name
