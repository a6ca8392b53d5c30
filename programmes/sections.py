"""Sections that the apps above add to the programme and initiative pages.

The pages belong here, but some of what they show does not: an initiative's projects, their
cost and RAG, and a programme's spend against its envelope live in ``portfolio``. Portfolio
registers a ``PageSection`` when Django starts; the page renders each registered section's
template with the context its callable returns (``None``: nothing to show)::

    # portfolio/apps.py
    programme_sections.register(PageSection(
        "portfolio", "portfolio/includes/programme_projects.html", programme_context))

A section's callable receives the page's object and the user, and must run a fixed number of
queries and show only what the user may see.
"""

from collections.abc import Callable
from dataclasses import dataclass

from core.registry import Registry


@dataclass(frozen=True)
class PageSection:
    key: str
    template: str
    context: Callable
    order: int = 100


programme_sections = Registry("programme page sections")
initiative_sections = Registry("initiative page sections")


def render_list(registry, obj, user):
    """``[(section, context)]`` of the sections with something to show, in their order."""
    out = []
    for section in sorted(registry, key=lambda s: (s.order, s.key)):
        context = section.context(obj, user)
        if context is not None:
            out.append((section, context))
    return out
