"""Portfolio records in the search box: projects and their business case versions (the
documents a proposal is made of), through the selector the pipeline uses."""

from django.utils.translation import gettext as _

from core.search import SearchResult, group

from . import selectors
from .models import BusinessCase


def search(user, query):
    visible = selectors.projects_visible_to(user)
    yield group(
        "projects",
        _("Projects"),
        visible.select_related("programme"),
        ["title", "summary"],
        query,
        lambda project: SearchResult(
            f"{project.reference} {project.title}",
            project.get_absolute_url(),
            f"{project.programme.name}: {project.get_state_display()}",
        ),
    )
    yield group(
        "documents",
        _("Business case documents"),
        BusinessCase.objects.filter(project__in=visible).select_related("project"),
        [
            "problem",
            "scope",
            "options_considered",
            "qualitative_benefits",
            "dependencies",
            "standards_compliance",
        ],
        query,
        lambda case: SearchResult(
            str(case),
            case.get_absolute_url(),
            case.project.title,
        ),
    )
