import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core import clock

from .choices import (
    Audience,
    DutyStation,
    EventKind,
    Gender,
    ImportStatus,
    Rating,
    StaffCategory,
    SurveyStatus,
    YearsOfService,
)

DEFAULT_TARGET = 80


class Topic(models.Model):
    """A service the satisfaction survey asks about (Annex III), or overall effectiveness."""

    code = models.SlugField(_("code"), max_length=64, unique=True)
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
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

    @property
    def local_name(self):
        """The name in the reader's language (modeltranslation; English where it has none)."""
        return self.name

    @property
    def local_description(self):
        return self.description


class Survey(models.Model):
    """One run of the ICT user satisfaction survey. Its status changes only through services."""

    title = models.CharField(_("title"), max_length=200)
    introduction = models.TextField(_("introduction"), blank=True)
    audience = models.CharField(
        _("audience"), max_length=16, choices=Audience.choices, default=Audience.STAFF
    )
    status = models.CharField(
        _("status"), max_length=16, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    topics = models.ManyToManyField(Topic, verbose_name=_("topics"), related_name="surveys")
    target = models.PositiveSmallIntegerField(
        _("satisfaction target (%)"),
        default=DEFAULT_TARGET,
        help_text=_("Share of satisfied respondents the services aim for (80% usually)."),
    )
    compare_with = models.ForeignKey(
        "self",
        verbose_name=_("earlier survey to compare with"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
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
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="survey_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(target__gte=1, target__lte=100), name="survey_target_percent"
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("survey:detail", args=[self.pk])

    def clean(self):
        if self.opens_on and self.closes_on and self.closes_on < self.opens_on:
            raise ValidationError({"closes_on": _("A survey cannot close before it opens.")})
        if self.compare_with_id and self.compare_with_id == self.pk:
            raise ValidationError({"compare_with": _("A survey cannot be compared with itself.")})

    def is_accepting(self, on=None):
        """Whether answers are taken now: the survey is open and today is in its dates."""
        on = on or clock.today()
        return self.status == SurveyStatus.OPEN and self.opens_on <= on <= self.closes_on


class Participation(models.Model):
    """That a person has answered a survey, and nothing about what they answered.

    It stops a second answer. It holds no time and a random key; the answers themselves go to
    the survey's ``BallotBox`` and reach the ``Response`` table only in shuffled batches (see
    ``survey/ANONYMITY.md``), so nothing in the database pairs a participation with a response.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="survey_participations",
    )

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "user"], name="one_participation_per_person")
        ]

    def __str__(self):
        return f"{self.user} – {self.survey}"


class ResponseImport(models.Model):
    """An uploaded CSV of responses: checked first (dry run), imported only when valid."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="imports"
    )
    file_name = models.CharField(_("file name"), max_length=255)
    content = models.TextField(_("content"))
    status = models.CharField(_("status"), max_length=16, choices=ImportStatus.choices)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    errors = models.JSONField(_("errors"), default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=clock.now)
    imported_at = models.DateTimeField(_("imported at"), null=True, blank=True)

    class Meta:
        ordering = ["-uploaded_at", "-pk"]
        verbose_name = _("response import")
        verbose_name_plural = _("response imports")

    def __str__(self):
        return self.file_name


def random_position():
    """A random sort key: rows ordered by it say nothing of when they were written."""
    return secrets.randbits(62)


class BallotBox(models.Model):
    """Answers not yet written as ``Response`` rows: one row per survey, rewritten whole by
    each answer, its entries in random order and without any link to a person.

    Only ``survey.services`` reads or writes it. It is emptied into ``Response`` rows in
    shuffled batches of at least ``batch_size()`` entries sampled at random from the box, and
    completely when the survey closes. Nobody reads its entries: results wait for the close.
    """

    survey = models.OneToOneField(
        Survey,
        verbose_name=_("survey"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="ballot_box",
    )
    entries = models.JSONField(_("answers waiting"), default=list, blank=True)

    class Meta:
        verbose_name = _("ballot box")
        verbose_name_plural = _("ballot boxes")

    def __str__(self):
        return str(_("Ballot box of %(survey)s") % {"survey": self.survey})

    @property
    def waiting(self):
        return len(self.entries or [])


class Response(models.Model):
    """One respondent's anonymous answers: no link to a person and no time but the day its
    batch was written (``survey/ANONYMITY.md``).

    The key is random so that the order of responses cannot be matched with anything else.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="responses"
    )
    submitted_on = models.DateField(
        _("recorded on"),
        null=True,
        blank=True,
        help_text=_("The day the batch holding this response was written, not when it was given."),
    )
    duty_station = models.CharField(
        _("duty station"), max_length=32, choices=DutyStation.choices, blank=True
    )
    staff_category = models.CharField(
        _("staff category"), max_length=32, choices=StaffCategory.choices, blank=True
    )
    years_of_service = models.CharField(
        _("years of service"), max_length=16, choices=YearsOfService.choices, blank=True
    )
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True)
    organisation_unit = models.ForeignKey(
        "governance.OrganisationUnit",
        verbose_name=_("organisation unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    source_import = models.ForeignKey(
        ResponseImport,
        verbose_name=_("imported from"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responses",
    )

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")

    def __str__(self):
        return str(_("Anonymous response"))


class Answer(models.Model):
    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    # The response's survey, copied: results group one survey's answers by an index
    # (survey, topic, rating) instead of joining every response of every survey.
    survey = models.ForeignKey(
        Survey,
        verbose_name=_("survey"),
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    topic = models.ForeignKey(
        Topic, verbose_name=_("topic"), on_delete=models.PROTECT, related_name="answers"
    )
    rating = models.PositiveSmallIntegerField(_("rating"), choices=Rating.choices)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["response", "topic"], name="one_answer_per_topic"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=0, rating__lte=5), name="answer_rating_on_scale"
            ),
        ]
        indexes = [
            models.Index(fields=["topic", "rating"], name="answer_topic_rating"),
            models.Index(fields=["survey", "topic", "rating"], name="answer_survey_topic_rating"),
        ]

    def __str__(self):
        return f"{self.topic_id}: {self.rating}"

    def save(self, *args, **kwargs):
        # The response's survey by default; bulk writers set it themselves.
        if self.survey_id is None and self.response_id is not None:
            self.survey_id = self.response.survey_id
        super().save(*args, **kwargs)


class Comment(models.Model):
    """A written comment of a response, on one topic or (topic empty) on ICT overall."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="comments"
    )
    topic = models.ForeignKey(
        Topic,
        verbose_name=_("topic"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comments",
    )
    text = models.TextField(_("comment"))
    position = models.BigIntegerField(_("position"), default=random_position, editable=False)

    class Meta:
        # A random key, not the insertion order: the list says nothing of who wrote first.
        ordering = ["position"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self):
        return self.text[:60]


class SurveyEvent(models.Model):
    """Audit trail of what survey managers did. Answering a survey is never recorded here."""

    survey = models.ForeignKey(
        Survey, verbose_name=_("survey"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("what"), max_length=32, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=clock.now)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("survey event")
        verbose_name_plural = _("survey events")

    def __str__(self):
        return f"{self.survey}: {self.get_kind_display()}"
