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


def administration(user):
    """The administration area's sections this app offers ``user``: (label, url, what)."""
    from . import permissions

    if not permissions.can_manage_surveys(user):
        return []
    return [
        (
            _("ICT user satisfaction surveys"),
            reverse("survey:list"),
            _("Define a survey, open it for answers and close it."),
        )
    ]
