"""The strategy's implementation plan (Table 4, paras 49, 70-71), tracked item by item.

The activities, their phase, dates and owner come from the reference data; their status and
evidence are tracked here and change only through ``programmes.services``.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock

from ..choices import CLOSED_PLAN_STATUSES, PlanPhase, PlanStatus


class PlanItem(models.Model):
    code = models.SlugField(_("code"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    source = models.CharField(
        _("source in the report"), max_length=64, help_text=_("e.g. Table 4; para 49(a)")
    )
    phase = models.CharField(_("phase"), max_length=16, choices=PlanPhase.choices)
    activity = models.CharField(_("activity"), max_length=300)
    activity_zh = models.CharField(_("activity (Chinese)"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_zh = models.TextField(_("description (Chinese)"), blank=True)
    deliverables = models.TextField(_("deliverables"), blank=True, help_text=_("One per line."))
    deliverables_zh = models.TextField(_("deliverables (Chinese)"), blank=True)
    # The owner as the report names it (OICT, a committee): a text, because the report's owners
    # are bodies and offices that live in governance, above this app.
    owner = models.CharField(_("owner"), max_length=200)
    owner_zh = models.CharField(_("owner (Chinese)"), max_length=200, blank=True)
    start = models.DateField(_("start"))
    due = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=16, choices=PlanStatus.choices, default=PlanStatus.PLANNED
    )
    status_note = models.TextField(_("progress note"), blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), null=True, blank=True)

    class Meta:
        ordering = ["phase", "order"]
        verbose_name = _("implementation plan item")
        verbose_name_plural = _("implementation plan")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(due__gte=models.F("start")), name="plan_item_due_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(status__in=PlanStatus.values), name="plan_item_status_valid"
            ),
        ]

    def __str__(self):
        return self.activity

    def get_absolute_url(self):
        return reverse("programmes:plan_item", args=[self.code])

    def clean(self):
        if self.start and self.due and self.due < self.start:
            raise ValidationError({"due": _("An activity cannot be due before it starts.")})

    def is_overdue(self, today=None):
        """Past its due date and neither done nor dropped."""
        today = today or clock.today()
        return self.status not in CLOSED_PLAN_STATUSES and self.due < today

    @property
    def deliverable_list(self):
        return [line for line in self.deliverables.splitlines() if line.strip()]

    @property
    def deliverable_list_zh(self):
        return [line for line in self.deliverables_zh.splitlines() if line.strip()]


class PlanEvidence(models.Model):
    """What shows an activity done: a decision, a document or a record, by its address.

    Append-only: evidence is added, never edited (the audit trail holds who added it).
    """

    item = models.ForeignKey(
        PlanItem, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="evidence"
    )
    title = models.CharField(_("title"), max_length=300)
    url = models.CharField(
        _("address"),
        max_length=500,
        help_text=_("A page of the portal (/governance/decisions/12/) or a web address."),
    )
    note = models.TextField(_("note"), blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("added by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    added_at = models.DateTimeField(_("added at"), default=clock.now)

    class Meta:
        ordering = ["item", "added_at", "pk"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self):
        return self.title

    def clean(self):
        if self.url and not self.url.startswith(("/", "https://", "http://")):
            raise ValidationError(
                {
                    "url": _(
                        "Give a page of the portal (starting with /) or a web address "
                        "(starting with https://)."
                    )
                }
            )
        if self.url and self.url.startswith("//"):
            raise ValidationError({"url": _("A portal page starts with a single /.")})
