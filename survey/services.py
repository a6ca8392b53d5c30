"""Every write of the survey app: managing surveys, answering them and importing responses.

Answers are anonymous by construction (``survey/ANONYMITY.md``): ``response_submit`` records
the participation and puts the answers, without any link to the person, at a random place in
the survey's ``BallotBox`` (one row, rewritten whole). ``Response`` rows are written only in
shuffled batches sampled at random from the box (``ballot_box_flush``), and for the rest when
the survey closes, so no transaction id, insertion order, key or time pairs a participation
with a response.
"""

import random
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from core import clock
from governance.rights import RightsError

from . import permissions
from .choices import EventKind, ImportStatus, SurveyStatus, can_transition
from .importing import parse_responses
from .models import (
    Answer,
    BallotBox,
    Comment,
    Participation,
    Response,
    ResponseImport,
    Survey,
    SurveyEvent,
    Topic,
)

SURVEY_FIELDS = (
    "title",
    "introduction",
    "audience",
    "opens_on",
    "closes_on",
    "target",
    "compare_with",
)


#: The box is emptied by batches of at least this many answers (never fewer than the
#: minimum group size) once it holds twice as many: each batch is a random sample of the box.
DEFAULT_BATCH_SIZE = 10

_shuffler = random.SystemRandom()


def batch_size():
    return max(
        getattr(settings, "SURVEY_BATCH_SIZE", DEFAULT_BATCH_SIZE),
        getattr(settings, "SURVEY_MIN_GROUP_SIZE", 5),
        1,
    )


class SurveyError(Exception):
    """A refused survey action; the message is safe to show."""


def _check_manager(actor):
    if not permissions.can_manage_surveys(actor):
        raise RightsError(_("Only PMO officers manage surveys."))


def _event(survey, kind, actor, note=""):
    SurveyEvent.objects.create(survey=survey, kind=kind, actor=actor, note=note)


@transaction.atomic
def survey_create(
    *,
    actor,
    title,
    opens_on,
    closes_on,
    audience="staff",
    introduction="",
    target=None,
    topics=None,
    compare_with=None,
):
    """Create a draft survey; its topics are the reference topics unless ``topics`` is given."""
    _check_manager(actor)
    survey = Survey(
        title=title,
        introduction=introduction,
        audience=audience,
        opens_on=opens_on,
        closes_on=closes_on,
        compare_with=compare_with,
        created_by=actor,
    )
    if target is not None:
        survey.target = target
    survey.full_clean()
    survey.save()
    survey.topics.set(topics if topics is not None else Topic.objects.all())
    _event(survey, EventKind.CREATED, actor)
    return survey


@transaction.atomic
def survey_update(*, survey, actor, topics=None, **values):
    """Change a survey's definition. Topics change only while it is a draft (no answers)."""
    _check_manager(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.status == SurveyStatus.CLOSED:
        raise SurveyError(_("A closed survey cannot be changed."))
    unknown = set(values) - set(SURVEY_FIELDS)
    if unknown:
        raise TypeError(f"survey_update() got unexpected fields {sorted(unknown)}")
    changed = [name for name, value in values.items() if getattr(survey, name) != value]
    for name in changed:
        setattr(survey, name, values[name])
    survey.full_clean()
    if changed:
        survey.save(update_fields=changed)
    if topics is not None and {t.pk for t in topics} != set(
        survey.topics.values_list("pk", flat=True)
    ):
        if survey.status != SurveyStatus.DRAFT:
            raise SurveyError(_("Topics can change only while the survey is a draft."))
        survey.topics.set(topics)
        changed.append("topics")
    if changed:
        _event(survey, EventKind.EDITED, actor, note=", ".join(changed))
    return survey


def _transition(survey, actor, target, kind):
    _check_manager(actor)
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if not can_transition(survey.status, target):
        raise SurveyError(
            _("A survey that is %(state)s cannot become %(target)s.")
            % {
                "state": survey.get_status_display().lower(),
                "target": SurveyStatus(target).label.lower(),
            }
        )
    survey.status = target
    survey.save(update_fields=["status"])
    _event(survey, kind, actor)
    return survey


@transaction.atomic
def survey_open(*, survey, actor):
    if not survey.topics.exists():
        raise SurveyError(_("A survey needs at least one topic before it opens."))
    return _transition(survey, actor, SurveyStatus.OPEN, EventKind.OPENED)


@transaction.atomic
def survey_close(*, survey, actor):
    """Close the survey: it takes no more answers, every answer still in its ballot box is
    written (shuffled), and its results open to their readers."""
    survey = _transition(survey, actor, SurveyStatus.CLOSED, EventKind.CLOSED)
    ballot_box_flush(survey=survey, everything=True)
    return survey


def surveys_close_due(*, today=None):
    """The beat's daily task: open surveys whose closing date has passed are closed (their
    answers written, their results opened) without waiting for a manager."""
    today = today or clock.today()
    closed = []
    for pk in Survey.objects.filter(status=SurveyStatus.OPEN, closes_on__lt=today).values_list(
        "pk", flat=True
    ):
        with transaction.atomic():
            survey = Survey.objects.select_for_update().get(pk=pk)
            if survey.status != SurveyStatus.OPEN:
                continue
            survey.status = SurveyStatus.CLOSED
            survey.save(update_fields=["status"])
            _event(survey, EventKind.CLOSED, None, note=_("closed on its closing date"))
            ballot_box_flush(survey=survey, everything=True)
            closed.append(survey)
    return closed


def response_submit(*, survey, actor, ratings, comments=None, dimensions=None):
    """Record that ``actor`` answered and put the answers, anonymously, in the ballot box.

    ``ratings``: topic id -> rating; ``comments``: topic id (None = overall) -> text;
    ``dimensions``: Response dimension fields. The answers keep no trace of ``actor`` and no
    time; they become a ``Response`` in a later shuffled batch (see the module docstring). No
    audit event is written (it would pair the two).
    """
    try:
        with transaction.atomic():
            locked = Survey.objects.select_for_update().get(pk=survey.pk)
            if not permissions.can_see_survey(actor, locked):
                raise SurveyError(_("This survey does not exist."))
            if not locked.is_accepting():
                raise SurveyError(_("This survey is closed: it accepts no more answers."))
            if not permissions.is_in_audience(actor, locked):
                raise RightsError(_("This survey is not addressed to you."))
            if Participation.objects.filter(survey=locked, user=actor).exists():
                raise SurveyError(_("You have already answered this survey. Thank you."))
            topic_ids = set(locked.topics.values_list("pk", flat=True))
            missing = topic_ids - set(ratings)
            if missing or set(ratings) - topic_ids:
                raise SurveyError(_("Rate every topic of the survey (or choose not applicable)."))
            dimensions = _plain_dimensions(dimensions)
            # Checked now (a wrong value refuses the answer), written later with the batch.
            Response(survey=locked, **dimensions).full_clean(exclude=["survey"])
            entry = {
                "dimensions": dimensions,
                "ratings": [[topic_id, rating] for topic_id, rating in ratings.items()],
                "comments": [
                    [topic_id, text.strip()]
                    for topic_id, text in (comments or {}).items()
                    if text and text.strip() and (topic_id is None or topic_id in topic_ids)
                ],
            }
            Participation.objects.create(survey=locked, user=actor)
            box, _created = BallotBox.objects.select_for_update().get_or_create(survey=locked)
            entries = list(box.entries or [])
            entries.insert(_shuffler.randint(0, len(entries)), entry)
            box.entries = entries
            box.save(update_fields=["entries"])
            if len(entries) >= 2 * batch_size():
                ballot_box_flush(survey=locked)
    except IntegrityError as error:
        # Two submissions at once: the unique participation lets only one through.
        raise SurveyError(_("You have already answered this survey. Thank you.")) from error


def _plain_dimensions(dimensions):
    """The dimension fields as JSON values: a unit is kept by its key."""
    plain = {}
    for name, value in (dimensions or {}).items():
        if name == "organisation_unit":
            plain["organisation_unit_id"] = getattr(value, "pk", value)
        else:
            plain[name] = value
    return plain


def ballot_box_flush(*, survey, everything=False):
    """Write a random sample of ``batch_size()`` answers of the survey's box (all of them with
    ``everything``) as ``Response`` rows, in random order, dated today. The caller holds the
    survey's row lock. Returns the number of responses written."""
    box = BallotBox.objects.select_for_update().filter(survey=survey).first()
    if box is None or not box.entries:
        return 0
    entries = list(box.entries)
    _shuffler.shuffle(entries)
    count = len(entries) if everything else min(batch_size(), len(entries))
    batch, kept = entries[:count], entries[count:]
    today = clock.today()
    responses, answers, comments = [], [], []
    for entry in batch:
        response = Response(
            id=uuid.uuid4(), survey_id=survey.pk, submitted_on=today, **entry["dimensions"]
        )
        responses.append(response)
        answers.extend(
            Answer(response_id=response.id, survey_id=survey.pk, topic_id=topic_id, rating=rating)
            for topic_id, rating in entry["ratings"]
        )
        comments.extend(
            Comment(response_id=response.id, topic_id=topic_id, text=text)
            for topic_id, text in entry["comments"]
        )
    _shuffler.shuffle(answers)
    _shuffler.shuffle(comments)
    Response.objects.bulk_create(responses)
    Answer.objects.bulk_create(answers, batch_size=5000)
    Comment.objects.bulk_create(comments, batch_size=2000)
    box.entries = kept
    box.save(update_fields=["entries"])
    return len(responses)


@transaction.atomic
def response_import_check(*, survey, actor, file_name, content):
    """Dry run: check an uploaded CSV and keep it with its report; writes no response."""
    _check_manager(actor)
    result = parse_responses(survey, content)
    response_import = ResponseImport.objects.create(
        survey=survey,
        file_name=file_name[:255],
        content=content,
        status=ImportStatus.PREVIEWED if result.is_valid else ImportStatus.REJECTED,
        row_count=result.row_count,
        errors=result.errors,
        uploaded_by=actor,
    )
    _event(
        survey,
        EventKind.IMPORT_CHECKED,
        actor,
        note=f"{file_name}: {result.row_count} rows, {len(result.errors)} errors",
    )
    return response_import, result


@transaction.atomic
def response_import_apply(*, response_import, actor):
    """Import a checked file: all its rows or, if anything is wrong, none."""
    _check_manager(actor)
    response_import = (
        ResponseImport.objects.select_for_update()
        .select_related("survey")
        .get(pk=response_import.pk)
    )
    if response_import.status != ImportStatus.PREVIEWED:
        raise SurveyError(_("Only a checked file without errors can be imported, once."))
    survey = response_import.survey
    result = parse_responses(survey, response_import.content)
    if not result.is_valid:
        response_import.status = ImportStatus.REJECTED
        response_import.errors = result.errors
        response_import.save(update_fields=["status", "errors"])
        raise SurveyError(_("The file has errors; nothing was imported."))
    responses, answers, comments = [], [], []
    for row in result.rows:
        response = Response(
            id=uuid.uuid4(), survey=survey, source_import=response_import, **row.dimensions
        )
        responses.append(response)
        answers.extend(
            Answer(response_id=response.id, survey_id=survey.pk, topic_id=topic_id, rating=rating)
            for topic_id, rating in row.ratings.items()
        )
        comments.extend(
            Comment(response_id=response.id, topic_id=topic_id, text=text)
            for topic_id, text in row.comments.items()
        )
    Response.objects.bulk_create(responses, batch_size=2000)
    Answer.objects.bulk_create(answers, batch_size=5000)
    Comment.objects.bulk_create(comments, batch_size=2000)
    response_import.status = ImportStatus.IMPORTED
    response_import.imported_at = clock.now()
    response_import.save(update_fields=["status", "imported_at"])
    _event(
        survey,
        EventKind.IMPORTED,
        actor,
        note=f"{response_import.file_name}: {len(responses)} responses",
    )
    return response_import
