"""What the apps above add to a meeting's board pack, per kind of subject.

A board pack (``governance.meeting_views.board_pack_pdf``) is the meeting's agenda followed, for
each item, by what the members need to read before deciding it. Governance knows the item,
its notes and the opinions of advisory bodies; what a subject *is* (a project's business case
versions and its PMO review) belongs to its app, which registers a ``PackSection`` for its
model when Django starts::

    # portfolio/apps.py
    board_pack_sections.register(PackSection(
        "portfolio.project", "portfolio/includes/pack_project.html", packs.project_pack))

``context(subjects, user)`` receives every subject of that model on the agenda at once and
returns ``{subject.pk: context}`` for those ``user`` may see (a fixed number of queries,
however long the agenda); the pack renders the section's template with that context.
"""

from collections.abc import Callable
from dataclasses import dataclass

from core.registry import Registry


@dataclass(frozen=True)
class PackSection:
    #: the subject model's label, lower case ("portfolio.project")
    key: str
    template: str
    context: Callable


board_pack_sections = Registry("board pack sections")


def sections_for(items, user):
    """``{item.pk: (template, context)}`` for the items whose subject has a pack section."""
    by_model = {}
    for item in items:
        subject = item.subject if item.content_type_id else None
        if subject is not None:
            by_model.setdefault(subject._meta.label_lower, []).append((item, subject))
    out = {}
    for label, pairs in by_model.items():
        section = board_pack_sections.get(label)
        if section is None:
            continue
        contexts = section.context([subject for _, subject in pairs], user)
        for item, subject in pairs:
            if subject.pk in contexts:
                out[item.pk] = (section.template, contexts[subject.pk])
    return out
