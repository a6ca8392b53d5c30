"""Overlap detection: existing and proposed projects that may duplicate this one, with a score.

PostgreSQL ranks titles and summaries by trigram similarity (``pg_trgm``); elsewhere (SQLite)
a portable fallback combines ``difflib``'s ratio on titles with word overlap on summaries.
Serving the same initiative raises the score: that is the overlap the PMO looks for first.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

from django.db import connection
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import ProjectState
from .models import Project

THRESHOLD = 0.30
SAME_INITIATIVE_BONUS = 0.30
WORD = re.compile(r"\w+", re.UNICODE)
STOP_WORDS = frozenset(
    "a an and the of for to in on with by at from into its is are be or as this that".split()
)


@dataclass(frozen=True)
class Overlap:
    project: Project
    score: int  # 0-100
    reasons: list


def _words(text):
    return {w for w in WORD.findall((text or "").lower()) if w not in STOP_WORDS and len(w) > 2}


def text_similarity(a, b):
    """Portable similarity of two short texts in [0, 1]."""
    if not a or not b:
        return 0.0
    ratio = SequenceMatcher(None, a.lower(), b.lower()).ratio()
    wa, wb = _words(a), _words(b)
    jaccard = len(wa & wb) / len(wa | wb) if wa and wb else 0.0
    return max(ratio, jaccard)


def _candidates(project):
    return (
        Project.objects.exclude(pk=project.pk)
        .exclude(state__in=[ProjectState.CANCELLED, ProjectState.REJECTED])
        .select_related("programme", "initiative")
    )


def _combine(title_sim, summary_sim, same_initiative):
    score = 0.7 * title_sim + 0.3 * summary_sim
    if same_initiative:
        score += SAME_INITIATIVE_BONUS
    return min(score, 1.0)


def _reasons(title_sim, summary_sim, same_initiative):
    reasons = []
    if same_initiative:
        reasons.append(_("same initiative"))
    if title_sim >= 0.3:
        reasons.append(_("similar title"))
    if summary_sim >= 0.3:
        reasons.append(_("similar description"))
    return reasons


def find_overlaps(project, *, limit=10, visible=None):
    """Projects that may duplicate ``project``, best first (restricted to ``visible`` if given)."""
    candidates = _candidates(project)
    if visible is not None:
        candidates = candidates.filter(pk__in=visible.values("pk"))
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramSimilarity

        rows = candidates.annotate(
            title_sim=TrigramSimilarity("title", project.title),
            summary_sim=TrigramSimilarity("summary", project.summary or project.title),
        ).filter(
            Q(title_sim__gte=0.2)
            | Q(summary_sim__gte=0.2)
            | Q(initiative_id=project.initiative_id, initiative__isnull=False)
        )
        scored = [(r, float(r.title_sim), float(r.summary_sim)) for r in rows]
    else:
        scored = [
            (
                r,
                text_similarity(project.title, r.title),
                text_similarity(project.summary, r.summary),
            )
            for r in candidates
        ]
    overlaps = []
    for other, title_sim, summary_sim in scored:
        same = bool(project.initiative_id) and other.initiative_id == project.initiative_id
        score = _combine(title_sim, summary_sim, same)
        if score >= THRESHOLD:
            overlaps.append(
                Overlap(other, round(score * 100), _reasons(title_sim, summary_sim, same))
            )
    overlaps.sort(key=lambda o: (-o.score, o.project.pk))
    return overlaps[:limit]
