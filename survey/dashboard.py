"""Survey panel of the home page: the open surveys a person has not answered yet."""

from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from core.dashboard import Count, Entry, Panel

from . import selectors


def panels(user):
    surveys = selectors.surveys_awaiting_answer(user)
    if not surveys:
        return
    yield Panel(
        key="surveys",
        title=_("Surveys for you"),
        order=17,
        counts=[
            Count(_("Open surveys you have not answered"), len(surveys), reverse("survey:list"))
        ],
        entries=[
            Entry(
                str(survey),
                reverse("survey:respond", args=[survey.pk]),
                _("open until %(date)s") % {"date": date_format(survey.closes_on, "DATE_FORMAT")}
                if getattr(survey, "closes_on", None)
                else "",
            )
            for survey in surveys
        ],
    )
