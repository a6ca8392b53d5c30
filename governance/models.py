import functools
import zoneinfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from core import clock
from core.records import AppendOnlyManager, AppendOnlyQuerySet

from .choices import (
    MOTION_STATE_FOR_OUTCOME,
    AgendaItemKind,
    BodyKind,
    Cadence,
    DecisionRule,
    MeetingKind,
    MeetingState,
    MembershipRole,
    MotionState,
    MotionTopic,
    NotificationResolution,
    Outcome,
    QuorumRule,
    Rights,
    Stance,
    UnitKind,
    VoteChoice,
)


class OrganisationUnit(models.Model):
    """A part of the organisation: OICT and its services, departments, offices, missions."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
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


class BudgetDelegate(models.Model):
    """Someone the chief of an ICT unit names to prepare the unit's figures with them: its
    budget submissions and staffing returns (see ``rights.preparer_units``)."""

    unit = models.ForeignKey(
        OrganisationUnit,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="budget_delegates",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("delegate"),
        on_delete=models.CASCADE,
        related_name="budget_delegations",
    )
    named_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("named by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = clock.DateTimeField(_("named at"), auto_now_add=True)

    class Meta:
        ordering = ["unit__name", "user__username"]
        verbose_name = _("budget delegate")
        verbose_name_plural = _("budget delegates")
        constraints = [
            models.UniqueConstraint(fields=["unit", "user"], name="budget_delegate_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.unit}"


class User(AbstractUser):
    """A person using the portal. Custom from the first migration, as Django advises."""

    display_name = models.CharField(_("display name"), max_length=150, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    duty_station = models.CharField(_("duty station"), max_length=100, blank=True)
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        help_text=_(
            "Dates and times are shown in this time zone (when empty: the duty station's, "
            "else UTC)."
        ),
    )
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

    @property
    def language(self):
        """The language the portal writes to this person in (pages, e-mails, notifications)."""
        return self.preferred_language or settings.LANGUAGE_CODE

    def clean(self):
        super().clean()
        if self.time_zone and self.time_zone not in time_zones():
            raise ValidationError({"time_zone": _("Choose a time zone from the list.")})


@functools.cache
def time_zones():
    """The IANA time zone names a user may choose (the set never changes at run time)."""
    return frozenset(zoneinfo.available_timezones()) | {"UTC"}


class BodyQuerySet(models.QuerySet):
    def executive_committee(self):
        """The Executive Committee (para 49): it sets envelopes and priorities, and decides
        major projects and portfolio scenarios; ``None`` before the reference data is loaded."""
        return self.filter(kind=BodyKind.EXECUTIVE_COMMITTEE).first()


class Body(models.Model):
    """A governance body. Its `rights` say whether it decides or only advises."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=200)
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
    mandate = models.TextField(_("mandate"), blank=True)
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
    decision_rule = models.CharField(
        _("decision rule"),
        max_length=16,
        choices=DecisionRule.choices,
        default=DecisionRule.SIMPLE_MAJORITY,
        help_text=_(
            "How the votes cast carry a motion: approval is recorded only when they do, "
            "rejection only when they do not."
        ),
    )
    paragraph = models.CharField(_("report paragraphs"), max_length=50, blank=True)

    objects = BodyQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("governance body")
        verbose_name_plural = _("governance bodies")
        # Object permissions on a body follow its memberships (governance.signals); the rights
        # policy (governance.rights) stays the authority, these mirror it for guardian users.
        permissions = [
            ("vote_in_body", _("Can vote in the body")),
            ("decide_in_body", _("Can close votes and record the body's decisions")),
            ("give_opinion_in_body", _("Can give opinions as a member of the body")),
            ("manage_meetings_of_body", _("Can run the body's meetings")),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(rights__in=Rights.values), name="body_rights_valid"),
            models.CheckConstraint(
                condition=Q(decision_rule__in=DecisionRule.values),
                name="body_decision_rule_valid",
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
        on = on or clock.today()
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
        on = on or clock.today()
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
    created_at = models.DateTimeField(_("created at"), default=clock.now, db_index=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed = models.BooleanField(_("e-mailed"), default=False)
    # When what it points to no longer awaits the recipient: done (they did it) or withdrawn
    # (someone else did, or it no longer applies). An open one has neither.
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolution = models.CharField(
        _("resolution"), max_length=16, choices=NotificationResolution.choices, blank=True
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.subject


class BodyUserObjectPermission(UserObjectPermissionBase):
    """Guardian's per-user permissions on a body, with a direct foreign key (fast lists)."""

    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("body permission of a user")
        verbose_name_plural = _("body permissions of users")


class BodyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Body, on_delete=models.CASCADE)

    class Meta(GroupObjectPermissionBase.Meta):
        verbose_name = _("body permission of a group")
        verbose_name_plural = _("body permissions of groups")


class AuditEntry(models.Model):
    """Who did what to which record, written in the transaction that did it."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("record type"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(_("record id"), max_length=64)
    summary = models.CharField(_("summary"), max_length=500, blank=True)
    data = models.JSONField(_("data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("at"), default=clock.now, db_index=True)

    objects = AppendOnlyManager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["content_type", "object_id"], name="audit_target")]

    def __str__(self):
        return f"{self.action}: {self.summary}"


class Motion(models.Model):
    """A matter put to a body: a policy, a strategy, an allocation of resources, priorities.

    The generic decidable subject of governance itself (portfolio projects are another).
    """

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="motions"
    )
    title = models.CharField(_("title"), max_length=250)
    topic = models.CharField(
        _("topic"), max_length=16, choices=MotionTopic.choices, default=MotionTopic.POLICY
    )
    text = models.TextField(_("text"))
    state = models.CharField(
        _("state"), max_length=16, choices=MotionState.choices, default=MotionState.BEFORE_BODY
    )
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="motions_proposed",
    )
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("governance:motion", args=[self.pk])

    def clean(self):
        if self.body_id and not self.body.has_decision_rights:
            raise ValidationError(
                {"body": _("Only a body with decision rights can have a motion put to it.")}
            )

    # The governance subject interface (governance.subjects).
    def get_deciding_body(self):
        # A body may revisit its own motion (a later decision supersedes the earlier one).
        return None if self.state == MotionState.WITHDRAWN else self.body

    def get_decision_outcomes(self):
        # A motion is the body's own: it is not referred elsewhere.
        return [o for o in Outcome.values if o != Outcome.REFERRED]

    def get_subject_version(self):
        return (f"motion v{self.version}", self.pk)

    def apply_decision(self, decision):
        self.state = MOTION_STATE_FOR_OUTCOME[decision.outcome]
        self.rank = decision.rank if decision.outcome == Outcome.PRIORITISED else None
        self.save(update_fields=["state", "rank"])

    # is_visible_to: registered in apps.py (governance.rights.can_see_motion).


class Meeting(models.Model):
    """A meeting of a body, or a written procedure: a vote open until a deadline."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="meetings"
    )
    kind = models.CharField(
        _("kind"), max_length=20, choices=MeetingKind.choices, default=MeetingKind.MEETING
    )
    title = models.CharField(_("title"), max_length=250)
    starts_at = models.DateTimeField(_("starts at"))
    location = models.CharField(_("location"), max_length=200, blank=True)
    deadline = models.DateTimeField(
        _("voting deadline"),
        null=True,
        blank=True,
        help_text=_("For a written procedure: votes are taken until then."),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=MeetingState.choices, default=MeetingState.PLANNED
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("minutes written by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=~Q(kind=MeetingKind.WRITTEN_PROCEDURE) | Q(deadline__isnull=False),
                name="written_procedure_has_deadline",
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("governance:meeting", args=[self.pk])

    @property
    def is_locked(self):
        return self.state == MeetingState.CLOSED

    @property
    def is_written_procedure(self):
        return self.kind == MeetingKind.WRITTEN_PROCEDURE


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(_("kind"), max_length=16, choices=AgendaItemKind.choices)
    title = models.CharField(_("title"), max_length=250)
    notes = models.TextField(_("notes"), blank=True)
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("subject type"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    object_id = models.PositiveBigIntegerField(_("subject id"), null=True, blank=True)
    subject = GenericForeignKey("content_type", "object_id")
    vote_closed_at = models.DateTimeField(_("vote closed at"), null=True, blank=True)

    class Meta:
        ordering = ["meeting", "position"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "position"], name="agenda_item_position_unique"
            ),
            models.CheckConstraint(
                condition=~Q(kind=AgendaItemKind.DECISION)
                | Q(content_type__isnull=False, object_id__isnull=False),
                name="decision_item_has_subject",
            ),
            # A subject stands on at most one open item for decision at a time (the vote of
            # a closed meeting's items is closed with it).
            models.UniqueConstraint(
                fields=["content_type", "object_id"],
                condition=Q(kind=AgendaItemKind.DECISION, vote_closed_at__isnull=True),
                name="subject_on_one_open_item",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="agenda_item_subject")]

    def __str__(self):
        return f"{self.position}. {self.title}"

    @property
    def is_decision(self):
        return self.kind == AgendaItemKind.DECISION

    @property
    def vote_is_open(self):
        return self.is_decision and self.vote_closed_at is None


class AttendanceQuerySet(AppendOnlyQuerySet):
    def current(self):
        """Who is present now: each member's latest record, where it says present."""
        return self.filter(present=True, superseded_by__isnull=True)


class Attendance(models.Model):
    """One entry of a meeting's attendance record: a member arrives (``present``) or is
    struck off (not ``present``). Entries are appended, never changed: a later entry for the
    same member supersedes the one before it, so the record keeps every correction."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="attendance"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="attendances",
    )
    present = models.BooleanField(_("present"), default=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now)

    objects = AppendOnlyManager.from_queryset(AttendanceQuerySet)()

    class Meta:
        ordering = ["meeting", "member__username", "pk"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            # One first entry per member and meeting; each later one supersedes exactly one.
            models.UniqueConstraint(
                fields=["meeting", "member"],
                condition=Q(supersedes__isnull=True),
                name="attendance_first_entry_once",
            ),
        ]

    def __str__(self):
        return f"{self.member} @ {self.meeting}"


class Vote(models.Model):
    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="votes"
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        on_delete=models.PROTECT,
        related_name="votes_cast",
    )
    choice = models.CharField(_("vote"), max_length=8, choices=VoteChoice.choices)
    cast_at = models.DateTimeField(_("cast at"), default=clock.now)

    objects = AppendOnlyManager()

    class Meta:
        ordering = ["item", "cast_at", "pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(fields=["item", "voter"], name="one_vote_per_member_per_item"),
        ]

    def __str__(self):
        return f"{self.voter}: {self.get_choice_display()}"


class Recusal(models.Model):
    """A member's declared conflict of interest: they neither vote nor count for quorum."""

    item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.PROTECT, related_name="recusals"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.PROTECT,
        related_name="recusals",
    )
    reason = models.CharField(_("conflict of interest"), max_length=500, blank=True)
    declared_at = models.DateTimeField(_("declared at"), default=clock.now)

    objects = AppendOnlyManager()

    class Meta:
        ordering = ["item", "declared_at"]
        verbose_name = _("recusal")
        verbose_name_plural = _("recusals")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="recusal_once"),
        ]

    def __str__(self):
        return f"{self.member} ({self.item})"


class Opinion(models.Model):
    """Advice from a member of an advisory body on any subject they may see; never decisive."""

    content_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("on behalf of"),
        on_delete=models.PROTECT,
        related_name="opinions",
    )
    stance = models.CharField(_("stance"), max_length=16, choices=Stance.choices)
    text = models.TextField(_("opinion"))
    created_at = models.DateTimeField(_("given at"), default=clock.now)

    objects = AppendOnlyManager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        indexes = [models.Index(fields=["content_type", "object_id"], name="opinion_subject")]

    def __str__(self):
        return f"{self.author}: {self.get_stance_display()}"


class DecisionQuerySet(AppendOnlyQuerySet):
    def for_subject(self, subject):
        return self.filter(
            content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
        )


class Decision(models.Model):
    """A body's decision on a subject. Immutable once recorded: the model, the admin and a
    database trigger all refuse updates; a later decision may supersede it."""

    item = models.OneToOneField(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.PROTECT,
        related_name="decision",
    )
    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.PROTECT, related_name="decisions"
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("subject type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("subject id"))
    subject = GenericForeignKey("content_type", "object_id")
    subject_label = models.CharField(_("subject"), max_length=300)
    subject_version_label = models.CharField(_("version decided"), max_length=200)
    subject_version_pk = models.CharField(_("version id"), max_length=64, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    rank = models.PositiveSmallIntegerField(_("rank"), null=True, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    votes_for = models.PositiveSmallIntegerField(_("votes for"), default=0)
    votes_against = models.PositiveSmallIntegerField(_("votes against"), default=0)
    abstentions = models.PositiveSmallIntegerField(_("abstentions"), default=0)
    quorum_required = models.PositiveSmallIntegerField(_("quorum required"))
    quorum_present = models.PositiveSmallIntegerField(_("counted for quorum"))
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="superseded_by",
    )
    opinions_seen = models.ManyToManyField(
        Opinion, verbose_name=_("opinions seen"), blank=True, related_name="decisions"
    )
    # A frozen copy of the votes, recusals, attendance, opinions and minutes at the moment of
    # decision: the relations above may be read later, this never changes.
    provenance = models.JSONField(_("provenance"), default=dict)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="decisions_recorded",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=clock.now, db_index=True)

    objects = AppendOnlyManager.from_queryset(DecisionQuerySet)()

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=Outcome.PRIORITISED) | Q(rank__isnull=False),
                name="prioritised_decision_has_rank",
            ),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"], name="decision_subject")]

    def __str__(self):
        return f"{self.body}: {self.subject_label} – {self.get_outcome_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ValidationError(_("A recorded decision cannot be changed; supersede it."))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("governance:decision", args=[self.pk])

    def delete(self, *args, **kwargs):
        raise ValidationError(_("A recorded decision cannot be deleted."))
