"""The Secretariat-wide ICT service catalogue (paras 16, 64): each service with the unit that
runs it, the units it serves and its service levels.

A service level is a KPI (``programmes.Kpi``) linked to the service with its kind
(availability, resolution time, satisfaction): its measurements per period are the service
level's measured attainment, judged against the target in force then. The projects that
change a service point at it from ``portfolio`` (``Project.services``), above this app.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..models import OrganisationUnit


class ServiceLevelKind(models.TextChoices):
    AVAILABILITY = "availability", _("Availability")
    RESOLUTION_TIME = "resolution_time", _("Resolution time")
    SATISFACTION = "satisfaction", _("User satisfaction")
    OTHER = "other", _("Other KPI")


#: the kinds that are service levels (an "other" KPI is linked for information)
SERVICE_LEVEL_KINDS = (
    ServiceLevelKind.AVAILABILITY,
    ServiceLevelKind.RESOLUTION_TIME,
    ServiceLevelKind.SATISFACTION,
)


class Service(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="services_owned",
    )
    serves_all_units = models.BooleanField(
        _("serves every unit"), default=False, help_text=_("A Secretariat-wide service.")
    )
    units_served = models.ManyToManyField(
        OrganisationUnit, verbose_name=_("units served"), blank=True, related_name="services_used"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="services",
    )
    survey_topic = models.SlugField(
        _("survey topic"),
        max_length=64,
        blank=True,
        help_text=_("The code of the satisfaction survey's topic that asks about this service."),
    )
    source = models.CharField(_("source in the report"), max_length=100, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("ICT service")
        verbose_name_plural = _("ICT service catalogue")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("performance:service", args=[self.code])


class ServiceLevel(models.Model):
    service = models.ForeignKey(
        Service, verbose_name=_("service"), on_delete=models.CASCADE, related_name="levels"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ServiceLevelKind.choices)
    kpi = models.ForeignKey(
        "programmes.Kpi", verbose_name=_("KPI"), on_delete=models.PROTECT, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["service__order", "order", "pk"]
        verbose_name = _("service level")
        verbose_name_plural = _("service levels")
        constraints = [
            models.UniqueConstraint(fields=["service", "kpi"], name="service_level_kpi_unique"),
        ]

    def __str__(self):
        return f"{self.service}: {self.get_kind_display()}"

    def clean(self):
        if self.kind not in ServiceLevelKind.values:
            raise ValidationError({"kind": _("Choose a kind from the list.")})

    @property
    def is_service_level(self):
        return self.kind in SERVICE_LEVEL_KINDS
