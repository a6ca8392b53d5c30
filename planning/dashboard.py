"""The planning panel of the home page: scenarios by state, those before the committee."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext as _

from core.dashboard import Count as PanelCount
from core.dashboard import Entry, Panel

from . import permissions, selectors
from .choices import ScenarioState


def panels(user):
    if not permissions.can_read_plans(user):
        return []
    visible = selectors.scenarios_visible_to(user)
    by_state = dict(
        visible.order_by().values("state").annotate(n=Count("pk")).values_list("state", "n")
    )
    url = reverse("planning:scenarios")
    counts = [
        PanelCount(ScenarioState(state).label, by_state.get(state, 0), url)
        for state in ScenarioState.values
        if state != ScenarioState.DRAFT or permissions.can_see_drafts(user)
    ]
    before = visible.filter(state=ScenarioState.BEFORE_COMMITTEE).order_by("-updated_at")[:5]
    return [
        Panel(
            key="scenarios",
            title=_("Portfolio scenarios"),
            order=35,
            intro=_("What-if funding choices against the envelopes, for the Executive Committee."),
            counts=counts,
            entries=[
                Entry(
                    str(s),
                    s.get_absolute_url(),
                    _("%(first)s–%(last)s") % {"first": s.first_year, "last": s.last_year},
                )
                for s in before
            ],
            empty=_("No scenario is before the Executive Committee."),
            more_url=url,
            more_label=_("All scenarios"),
        )
    ]
