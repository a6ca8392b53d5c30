from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from . import selectors


def links(user):
    for survey in selectors.surveys_awaiting_answer(user):
        yield (
            _("Answer the survey: %(title)s") % {"title": survey.title},
            reverse("survey:respond", args=[survey.pk]),
        )
    yield _("ICT user satisfaction surveys"), reverse("survey:list")


def main_nav(user):
    yield _("Surveys"), reverse("survey:list")
