"""Survey states, the allowed transitions, the rating scale and the respondent dimensions.

Dimension values follow Annex III of the report (duty stations, staff categories, years of
service) so the next surveys can be compared with the first one.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SurveyStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", pgettext_lazy("state", "Open")
    CLOSED = "closed", pgettext_lazy("state", "Closed")


#: from-state -> states a survey may move to.
TRANSITIONS = {
    SurveyStatus.DRAFT: {SurveyStatus.OPEN, SurveyStatus.CLOSED},
    SurveyStatus.OPEN: {SurveyStatus.CLOSED},
    SurveyStatus.CLOSED: set(),
}


def can_transition(current, target):
    return target in TRANSITIONS.get(current, set())


class Audience(models.TextChoices):
    STAFF = "staff", _("Secretariat staff")
    MISSIONS = "missions", _("Member-state missions")


class Rating(models.IntegerChoices):
    """The scale. Stored as a number so satisfaction is a range filter in the database."""

    VERY_SATISFIED = 5, _("Very satisfied")
    SATISFIED = 4, _("Satisfied")
    NEUTRAL = 3, _("Neutral")
    DISSATISFIED = 2, _("Dissatisfied")
    VERY_DISSATISFIED = 1, _("Very dissatisfied")
    NOT_APPLICABLE = 0, _("Not applicable")


#: ratings that count as satisfied (numerator of the satisfaction rate).
SATISFIED_RATINGS = (Rating.VERY_SATISFIED, Rating.SATISFIED)
#: ratings that count as a rating at all (denominator): everything but "not applicable".
RATED_RATINGS = tuple(r for r in Rating if r != Rating.NOT_APPLICABLE)

#: CSV spellings of the ratings an import accepts (besides the numbers 0-5).
RATING_WORDS = {
    "very satisfied": Rating.VERY_SATISFIED,
    "satisfied": Rating.SATISFIED,
    "neutral": Rating.NEUTRAL,
    "dissatisfied": Rating.DISSATISFIED,
    "very dissatisfied": Rating.VERY_DISSATISFIED,
    "not applicable": Rating.NOT_APPLICABLE,
    "n/a": Rating.NOT_APPLICABLE,
    "na": Rating.NOT_APPLICABLE,
}


class DutyStation(models.TextChoices):
    FIELD = "field", _("Field offices")
    NEW_YORK = "new-york", _("New York")
    GENEVA = "geneva", _("Geneva")
    NAIROBI = "nairobi", _("Nairobi")
    THE_HAGUE = "the-hague", _("The Hague")
    VIENNA = "vienna", _("Vienna")
    ADDIS_ABABA = "addis-ababa", _("Addis Ababa")
    BANGKOK = "bangkok", _("Bangkok")
    BEIRUT = "beirut", _("Beirut")
    SANTIAGO = "santiago", _("Santiago")


class StaffCategory(models.TextChoices):
    PROFESSIONAL = "professional", _("Professional")
    GENERAL_SERVICE = "general-service", _("General Service")
    FIELD_SERVICE = "field-service", _("Field Service")
    DIRECTOR = "director", _("D and above")
    CONSULTANT = "consultant", _("Consultant")
    OTHER = "other", _("Other")


class YearsOfService(models.TextChoices):
    UNDER_2 = "under-2", _("Under 2 years")
    FROM_2_TO_10 = "2-10", _("2 to 10 years")
    OVER_10 = "over-10", _("Over 10 years")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER = "other", _("Another gender")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Checked, not imported")
    REJECTED = "rejected", _("Rejected: errors found")
    IMPORTED = "imported", _("Imported")


class EventKind(models.TextChoices):
    CREATED = "created", _("Created")
    EDITED = "edited", _("Edited")
    OPENED = "opened", _("Opened")
    CLOSED = "closed", pgettext_lazy("state", "Closed")
    IMPORT_CHECKED = "import_checked", _("Import checked")
    IMPORTED = "imported", _("Responses imported")
