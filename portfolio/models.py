"""Projects, their versioned business cases, reviews, scores, delivery reports and ICT assets.

No ``save()`` here changes a state: every state change is a service (``portfolio.services``).
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from core import clock
from core.records import AppendOnlyManager
from governance.choices import BodyKind, Outcome

from .choices import (
    COMMITTEE_STATES,
    AssetKind,
    AssetLifecycle,
    AssetRelation,
    CostCategory,
    CostKind,
    Criterion,
    EnvelopeState,
    ProjectState,
    Rag,
    ReviewOutcome,
)

MONEY = {"max_digits": 14, "decimal_places": 2}
ONE_TO_FIVE = [MinValueValidator(1), MaxValueValidator(5)]


class Project(models.Model):
    """An ICT project from proposal to closure. Its business case is versioned."""

    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="projects",
    )
    initiative = models.ForeignKey(
        "programmes.Initiative",
        verbose_name=_("initiative"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="projects",
    )
    sponsoring_unit = models.ForeignKey(
        "governance.OrganisationUnit",
        verbose_name=_("sponsoring department"),
        on_delete=models.PROTECT,
        related_name="sponsored_projects",
    )
    proponent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proponent"),
        on_delete=models.PROTECT,
        related_name="proposed_projects",
    )
    project_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("project manager"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_projects",
    )
    state = models.CharField(
        _("state"),
        max_length=32,
        choices=ProjectState.choices,
        default=ProjectState.DRAFT,
        db_index=True,
    )
    services = models.ManyToManyField(
        "performance.Service",
        verbose_name=_("services it changes"),
        blank=True,
        related_name="projects",
        help_text=_("The catalogue's ICT services that the project creates or changes."),
    )
    spans_programmes = models.BooleanField(
        _("spans programmes"),
        default=False,
        help_text=_("A project serving more than one programme is always a major project."),
    )
    # Mirrors the current business case so lists sum and sort without reading cases.
    total_cost = models.DecimalField(_("total estimated cost (USD)"), default=0, **MONEY)
    priority_rank = models.PositiveIntegerField(_("committee rank"), null=True, blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    updated_at = models.DateTimeField(_("updated at"), default=clock.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=ProjectState.values), name="project_state_valid"
            ),
        ]
        # The list API's default order: a page reads the index instead of sorting every row.
        indexes = [models.Index(fields=["-created_at", "-id"], name="project_newest_first")]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def get_absolute_url(self):
        return reverse("portfolio:project", args=[self.pk])

    @property
    def reference(self):
        return f"P-{self.pk:04d}" if self.pk else "P-new"

    @property
    def is_major(self):
        threshold = Decimal(str(settings.PORTFOLIO_MAJOR_PROJECT_THRESHOLD))
        return self.spans_programmes or (self.total_cost or 0) >= threshold

    def current_case(self):
        """The latest business case version (the draft while one is being edited)."""
        return self.business_cases.order_by("-number").first()

    def decided_case(self):
        """The latest frozen (submitted) version: the one reviews and decisions point to."""
        return self.business_cases.filter(frozen_at__isnull=False).order_by("-number").first()

    # --- governance subject interface (governance/subjects.py) ---------------------------
    def get_deciding_body(self):
        from governance.models import Body

        if self.state == ProjectState.WITH_STEERING_COMMITTEE:
            return Body.objects.filter(
                kind=BodyKind.STEERING_COMMITTEE, programme_id=self.programme_id
            ).first()
        if self.state == ProjectState.WITH_EXECUTIVE_COMMITTEE:
            return Body.objects.executive_committee()
        return None

    def get_decision_outcomes(self):
        if self.state not in COMMITTEE_STATES:
            return []
        outcomes = [Outcome.APPROVED, Outcome.REJECTED, Outcome.DEFERRED, Outcome.RETURNED]
        # Both committees rank (the Executive Committee its initiatives and major projects,
        # para 49(i)); a steering committee may refer a project to the Executive Committee.
        outcomes.append(Outcome.PRIORITISED)
        if self.state == ProjectState.WITH_STEERING_COMMITTEE:
            outcomes.append(Outcome.REFERRED)
        return outcomes

    def get_subject_version(self):
        case = self.decided_case()
        if case is None:
            return ("", None)
        return (str(_("business case v%(number)s") % {"number": case.number}), case.pk)

    # apply_decision and is_visible_to: registered in apps.py (services and selectors).


class BusinessCase(models.Model):
    """One version of a project's standard business case.

    A version is edited while a draft; submitting freezes it (``frozen_at``) and from then on
    it never changes: reviews and decisions point to it. Editing after a return starts a new
    version, a copy of the last one.
    """

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="business_cases",
    )
    number = models.PositiveIntegerField(_("version"))
    frozen_at = models.DateTimeField(_("submitted (frozen) at"), null=True, blank=True)
    # Optimistic locking: a save carries the number it was read at; a stale save is refused.
    edit_version = models.PositiveIntegerField(_("edit counter"), default=0)
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme served"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    initiative = models.ForeignKey(
        "programmes.Initiative",
        verbose_name=_("initiative served"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    sponsoring_unit = models.ForeignKey(
        "governance.OrganisationUnit",
        verbose_name=_("sponsoring department"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    problem = models.TextField(_("problem and objectives"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    options_considered = models.TextField(_("options considered"), blank=True)
    qualitative_benefits = models.TextField(_("qualitative benefits"), blank=True)
    dependencies = models.TextField(_("dependencies"), blank=True)
    standards_compliance = models.TextField(_("standards compliance"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["project", "number"]
        verbose_name = _("business case version")
        verbose_name_plural = _("business case versions")
        constraints = [
            models.UniqueConstraint(fields=["project", "number"], name="business_case_version"),
        ]

    def __str__(self):
        return _("%(project)s, business case v%(number)s") % {
            "project": self.project.reference,
            "number": self.number,
        }

    def get_absolute_url(self):
        return reverse("portfolio:business_case", args=[self.project_id, self.number])

    @property
    def is_frozen(self):
        return self.frozen_at is not None


class CaseLine(models.Model):
    """Common base of a business case's rows (costs, benefits, risks, funding)."""

    business_case = models.ForeignKey(
        BusinessCase,
        verbose_name=_("business case"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )

    class Meta:
        abstract = True

    def clean(self):
        if self.business_case_id and self.business_case.is_frozen:
            raise ValidationError(_("A submitted business case version cannot change."))


class CostLine(CaseLine):
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    kind = models.CharField(_("one-time or recurring"), max_length=16, choices=CostKind.choices)
    category = models.CharField(_("category"), max_length=16, choices=CostCategory.choices)
    amount = models.DecimalField(_("amount (USD)"), validators=[MinValueValidator(0)], **MONEY)

    class Meta:
        ordering = ["year", "kind", "category", "pk"]
        verbose_name = _("cost")
        verbose_name_plural = _("costs")

    def __str__(self):
        return f"{self.year} {self.get_kind_display()} {self.get_category_display()}: {self.amount}"


class BenefitLine(CaseLine):
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    description = models.CharField(_("benefit"), max_length=300)
    amount = models.DecimalField(
        _("quantified value (USD)"), validators=[MinValueValidator(0)], **MONEY
    )

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("quantified benefit")
        verbose_name_plural = _("quantified benefits")

    def __str__(self):
        return f"{self.year} {self.description}: {self.amount}"


class Risk(CaseLine):
    description = models.CharField(_("risk"), max_length=300)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1-5)"), validators=ONE_TO_FIVE)
    impact = models.PositiveSmallIntegerField(_("impact (1-5)"), validators=ONE_TO_FIVE)
    mitigation = models.CharField(_("mitigation"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self):
        return self.description

    @property
    def exposure(self):
        return (self.likelihood or 0) * (self.impact or 0)


class FundingSource(CaseLine):
    source = models.CharField(_("source of funds"), max_length=200)
    amount = models.DecimalField(_("amount (USD)"), validators=[MinValueValidator(0)], **MONEY)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("funding source")
        verbose_name_plural = _("funding sources")

    def __str__(self):
        return f"{self.source}: {self.amount}"


class ProjectTransition(models.Model):
    """The audit record of one state change: who, when, why, from and to."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="transitions"
    )
    action = models.CharField(_("action"), max_length=64)
    from_state = models.CharField(_("from"), max_length=32, choices=ProjectState.choices)
    to_state = models.CharField(_("to"), max_length=32, choices=ProjectState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)

    #: reasons the portal writes itself: stored in English (the record is language-neutral and
    #: chained by the ledger) and shown in the reader's language by ``shown_reason``
    DRAFTED = gettext_noop("Proposal drafted.")
    SYSTEM_REASONS = frozenset({DRAFTED})
    business_case = models.ForeignKey(
        BusinessCase,
        verbose_name=_("business case version"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="transitions",
    )
    decision_id = models.PositiveBigIntegerField(_("governance decision"), null=True, blank=True)
    at = models.DateTimeField(_("at"), default=clock.now)

    objects = AppendOnlyManager()

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("transition")
        verbose_name_plural = _("transition history")

    def __str__(self):
        return f"{self.project.reference}: {self.from_state} → {self.to_state}"

    @property
    def shown_reason(self):
        """The reason in the reader's language when the portal wrote it, else as typed."""
        return gettext(self.reason) if self.reason in self.SYSTEM_REASONS else self.reason


class PmoReview(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="reviews"
    )
    business_case = models.ForeignKey(
        BusinessCase,
        verbose_name=_("business case version"),
        on_delete=models.PROTECT,
        related_name="reviews",
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewer"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    complete = models.BooleanField(_("complete against the standard template"), default=False)
    compliant = models.BooleanField(_("compliant with architecture and standards"), default=False)
    overlap_examined = models.BooleanField(_("overlap with other projects examined"), default=False)
    metrics_comparable = models.BooleanField(_("metrics comparable"), default=False)
    comments = models.TextField(_("comments"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=ReviewOutcome.choices)
    created_at = models.DateTimeField(_("reviewed at"), default=clock.now)

    objects = AppendOnlyManager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("PMO review")
        verbose_name_plural = _("PMO reviews")

    def __str__(self):
        return f"{self.business_case}: {self.get_outcome_display()}"


class CriterionWeight(models.Model):
    """A steering committee's weight for one prioritisation criterion."""

    body = models.ForeignKey(
        "governance.Body",
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        related_name="criterion_weights",
    )
    criterion = models.CharField(_("criterion"), max_length=32, choices=Criterion.choices)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MaxValueValidator(100)])

    class Meta:
        ordering = ["body", "criterion"]
        verbose_name = _("criterion weight")
        verbose_name_plural = _("criterion weights")
        constraints = [
            models.UniqueConstraint(fields=["body", "criterion"], name="criterion_weight_unique"),
        ]

    def __str__(self):
        return f"{self.body}: {self.get_criterion_display()} {self.weight}"


class Score(models.Model):
    """One committee member's score (1-5) of one project on one criterion."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="scores"
    )
    business_case = models.ForeignKey(
        BusinessCase,
        verbose_name=_("business case version"),
        on_delete=models.PROTECT,
        related_name="scores",
    )
    body = models.ForeignKey(
        "governance.Body",
        verbose_name=_("committee"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    criterion = models.CharField(_("criterion"), max_length=32, choices=Criterion.choices)
    value = models.PositiveSmallIntegerField(_("score (1-5)"), validators=ONE_TO_FIVE)
    created_at = models.DateTimeField(_("scored at"), default=clock.now)

    class Meta:
        ordering = ["project", "member", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["business_case", "body", "member", "criterion"], name="score_unique"
            ),
        ]

    def __str__(self):
        return f"{self.member} – {self.get_criterion_display()}: {self.value}"


class ResourceEnvelope(models.Model):
    """The resources the Executive Committee allocates to a programme for a year.

    A PMO officer proposes it; it is set only by an Executive Committee decision (it is a
    governance subject like a project).
    """

    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="envelopes",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount (USD)"), validators=[MinValueValidator(0)], **MONEY)
    state = models.CharField(
        _("state"), max_length=16, choices=EnvelopeState.choices, default=EnvelopeState.PROPOSED
    )
    decision_id = models.PositiveBigIntegerField(_("governance decision"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["year", "programme__order", "-pk"]
        verbose_name = _("resource envelope")
        verbose_name_plural = _("resource envelopes")

    def __str__(self):
        return f"{self.programme} {self.year}: {self.amount}"

    def get_absolute_url(self):
        return reverse("portfolio:prioritisation", args=[self.programme.code])

    def get_deciding_body(self):
        from governance.models import Body

        if self.state != EnvelopeState.PROPOSED:
            return None
        return Body.objects.executive_committee()

    def get_decision_outcomes(self):
        if self.state != EnvelopeState.PROPOSED:
            return []
        return [Outcome.APPROVED, Outcome.REJECTED]

    def get_subject_version(self):
        return (str(_("envelope of USD %(amount)s") % {"amount": self.amount}), self.pk)

    # apply_decision: registered in apps.py (services).

    def is_visible_to(self, user):
        return bool(getattr(user, "is_authenticated", False))


class Phase(models.Model):
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="phases"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    deliverables = models.TextField(_("deliverables"), blank=True)

    class Meta:
        ordering = ["project", "order"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self):
        return self.name

    def clean(self):
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("A phase cannot end before it starts.")})


class StatusReport(models.Model):
    """The project manager's monthly status report."""

    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="status_reports",
    )
    period = models.DateField(_("month"), help_text=_("The first day of the month reported."))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    schedule = models.CharField(_("schedule"), max_length=8, choices=Rag.choices)
    budget = models.CharField(_("budget"), max_length=8, choices=Rag.choices)
    scope = models.CharField(_("scope"), max_length=8, choices=Rag.choices)
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), validators=[MaxValueValidator(100)]
    )
    actual_spend = models.DecimalField(
        _("actual spend to date (USD)"), validators=[MinValueValidator(0)], **MONEY
    )
    issues = models.TextField(_("issues"), blank=True)
    risks = models.TextField(_("risks"), blank=True)
    created_at = models.DateTimeField(_("filed at"), default=clock.now)

    class Meta:
        ordering = ["project", "-period"]
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        constraints = [
            models.UniqueConstraint(fields=["project", "period"], name="status_report_month"),
        ]

    def __str__(self):
        return f"{self.project.reference} {self.period:%Y-%m}"


class Asset(models.Model):
    """An entry of the ICT asset inventory. Written only by ``portfolio.assets``."""

    code = models.SlugField(
        _("inventory code"),
        max_length=64,
        unique=True,
        help_text=_("The asset's tag in the inventory: letters, digits, hyphens."),
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=AssetKind.choices)
    description = models.TextField(_("description"), blank=True)
    owner_unit = models.ForeignKey(
        "governance.OrganisationUnit",
        verbose_name=_("owner unit"),
        on_delete=models.PROTECT,
        related_name="ict_assets",
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="assets",
    )
    lifecycle = models.CharField(
        _("lifecycle status"), max_length=16, choices=AssetLifecycle.choices
    )
    annual_running_cost = models.DecimalField(
        _("annual running cost (USD)"), default=0, validators=[MinValueValidator(0)], **MONEY
    )
    retired_on = models.DateField(_("retired on"), null=True, blank=True)
    projects = models.ManyToManyField(
        Project,
        verbose_name=_("projects"),
        through="ProjectAsset",
        related_name="assets",
        blank=True,
    )

    class Meta:
        ordering = ["programme__order", "name"]
        verbose_name = _("ICT asset")
        verbose_name_plural = _("ICT asset inventory")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("portfolio:asset", args=[self.pk])

    @property
    def is_retired(self):
        return self.lifecycle == AssetLifecycle.RETIRED


class ProjectAsset(models.Model):
    project = models.ForeignKey(Project, verbose_name=_("project"), on_delete=models.CASCADE)
    asset = models.ForeignKey(Asset, verbose_name=_("asset"), on_delete=models.CASCADE)
    relation = models.CharField(_("relation"), max_length=16, choices=AssetRelation.choices)

    class Meta:
        verbose_name = _("project asset")
        verbose_name_plural = _("project assets")
        constraints = [
            models.UniqueConstraint(fields=["project", "asset"], name="project_asset_unique"),
        ]

    def __str__(self):
        return f"{self.project.reference} {self.get_relation_display()} {self.asset}"
