from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import BodyKind, Cadence, MembershipRole, QuorumRule, Rights, UnitKind


class OrganisationUnit(models.Model):
    """A part of the organisation: OICT and its services, departments, offices, missions."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    duty_station = models.CharField(_("duty station"), max_length=100, blank=True)
    annex_iv_row = models.PositiveSmallIntegerField(
        _("Annex IV row"),
        null=True,
        blank=True,
        unique=True,
        help_text=_("Order of the unit's row in the Annex IV staffing table, if it has one."),
    )
    chief = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chief of the ICT unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="units_led",
    )

    class Meta:
        ordering = ["annex_iv_row", "name"]
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")

    def __str__(self):
        return self.name


class User(AbstractUser):
    """A person using the portal. Custom from the first migration, as Django advises."""

    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    duty_station = models.CharField(_("duty station"), max_length=100, blank=True)
    organisation_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("organisation unit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="staff",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username

    def get_short_name(self):
        return self.display_name or super().get_short_name() or self.username


class Body(models.Model):
    """A governance body. Its `rights` say whether it decides or only advises."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("name (Chinese)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=32, choices=BodyKind.choices)
    rights = models.CharField(_("rights"), max_length=16, choices=Rights.choices)
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme owned"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies",
        help_text=_("For a steering committee: the programme whose items it decides."),
    )
    cadence = models.CharField(_("cadence"), max_length=32, choices=Cadence.choices)
    cadence_note = models.CharField(_("cadence note"), max_length=300, blank=True)
    composition = models.TextField(_("composition"), blank=True)
    composition_zh = models.TextField(_("composition (Chinese)"), blank=True)
    mandate = models.TextField(_("mandate"), blank=True)
    mandate_zh = models.TextField(_("mandate (Chinese)"), blank=True)
    secretariat_unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("secretariat"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="bodies_served",
    )
    quorum_rule = models.CharField(
        _("quorum rule"), max_length=16, choices=QuorumRule.choices, default=QuorumRule.MAJORITY
    )
    quorum_minimum = models.PositiveSmallIntegerField(
        _("fixed quorum"),
        null=True,
        blank=True,
        help_text=_("Number of voting members needed when the quorum rule is a fixed number."),
    )
    paragraph = models.CharField(_("report paragraphs"), max_length=50, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")
        constraints = [
            models.CheckConstraint(
                condition=Q(rights__in=Rights.values), name="body_rights_valid"
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        if self.kind == BodyKind.STEERING_COMMITTEE and not self.programme_id:
            raise ValidationError({"programme": _("A steering committee owns one programme.")})
        if self.kind != BodyKind.STEERING_COMMITTEE and self.programme_id:
            raise ValidationError(
                {"programme": _("Only a steering committee is scoped to one programme.")}
            )
        if self.quorum_rule == QuorumRule.FIXED and not self.quorum_minimum:
            raise ValidationError({"quorum_minimum": _("Give the number for a fixed quorum.")})

    @property
    def has_decision_rights(self):
        return self.rights == Rights.DECISION


class MembershipQuerySet(models.QuerySet):
    def current(self, on=None):
        """Memberships in force on the given day (today by default): rights exist only then."""
        on = on or timezone.localdate()
        return self.filter(Q(start__lte=on), Q(end__isnull=True) | Q(end__gte=on))


class Membership(models.Model):
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=16, choices=MembershipRole.choices)
    votes = models.BooleanField(
        _("votes"), default=True, help_text=_("Whether this member votes on the body's decisions.")
    )
    start = models.DateField(_("start"))
    end = models.DateField(
        _("end"), null=True, blank=True, help_text=_("Last day of the membership, if it ends.")
    )

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["body", "role", "user__username"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.body} ({self.get_role_display()})"

    def clean(self):
        if self.end and self.start and self.end < self.start:
            raise ValidationError({"end": _("A membership cannot end before it starts.")})
        if self.role in {MembershipRole.OBSERVER, MembershipRole.SECRETARY} and self.votes:
            raise ValidationError({"votes": _("Observers and secretaries do not vote.")})

    def is_current(self, on=None):
        on = on or timezone.localdate()
        return self.start <= on and (self.end is None or self.end >= on)


class Notification(models.Model):
    """A message in the portal telling a person that something awaits them or happened."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    subject = models.CharField(_("subject"), max_length=250)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # Lets a sender say "at most one of these a day": e.g. "reminder:status-report:42".
    key = models.CharField(_("key"), max_length=200, blank=True, db_index=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed = models.BooleanField(_("e-mailed"), default=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.subject
