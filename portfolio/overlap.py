"""Overlap detection that reviewers can trust: projects that may duplicate this one, each with
the reasons a reviewer can check.

Five things are compared, each giving a similarity in [0, 1] and, when it counts, a reason:

- the **initiative** (the strongest sign: the PMO looks there first) and the **sponsoring unit**;
- the **titles** and the **content** (problem, summary and scope of the current business case),
  as TF-IDF cosine similarity over the words of every candidate: words that every proposal
  uses ("headquarters", "system", "staff") weigh little, so boilerplate no longer makes
  every project "overlap" with every other; the reason names the distinctive words shared;
- the **cost lines**: the share of both projects' money that goes to the same category in the
  same year (a weak sign alone, since many cases look alike; it adds to the others).

The score is their weighted sum (``WEIGHTS``, out of 100) and only projects from ``THRESHOLD``
are listed. Both were tuned on the demo data, whose genuine overlaps and unrelated projects are
marked in ``portfolio.demo`` (``OVERLAP_PAIRS``); ``tests/portfolio/test_overlap.py`` holds the
line: every genuine pair found, no project with more than two unrelated ones flagged. The same
Python scoring runs on PostgreSQL and SQLite, in three queries whatever the number of projects.
"""

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from .choices import ProjectState
from .models import BusinessCase, CostLine, Project

WEIGHTS = {"initiative": 0.35, "unit": 0.10, "title": 0.30, "content": 0.20, "costs": 0.05}
THRESHOLD = 0.40  # templates/portfolio/includes/overlaps.html says "40 or more"
#: similarities below these give no reason (and so no weight): noise, not evidence
MIN_TITLE, MIN_CONTENT, MIN_COSTS = 0.20, 0.25, 0.50
#: shared words named in a reason
SHOWN_WORDS = 4
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
STOP_WORDS = frozenset(
    """a an and the of for to in on with by at from into its is are be or as this that one
    all each every new via per our their than then them they it not no more most over under
    first second phase""".split()
)
CLOSED = (ProjectState.CANCELLED, ProjectState.REJECTED)


@dataclass(frozen=True)
class Overlap:
    project: Project
    score: int  # 0-100
    reasons: list = field(default_factory=list)


def _stem(word):
    # Light and language-neutral enough for titles: "systems" and "system" are one word.
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word


def words(text):
    return [
        _stem(w) for w in WORD.findall((text or "").lower()) if len(w) > 2 and w not in STOP_WORDS
    ]


class _Corpus:
    """TF-IDF vectors of a set of texts (smoothed IDF: a word in every text still counts a
    little, a word in one text counts most)."""

    def __init__(self, texts):
        self.counts = {key: Counter(words(text)) for key, text in texts.items()}
        df = Counter(w for c in self.counts.values() for w in c)
        n = len(self.counts)
        self.idf = {w: math.log((1 + n) / (1 + d)) + 1 for w, d in df.items()}
        self.vectors = {key: self._vector(c) for key, c in self.counts.items()}

    def _vector(self, counts):
        vec = {w: (1 + math.log(tf)) * self.idf[w] for w, tf in counts.items()}
        norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
        return {w: v / norm for w, v in vec.items()}

    def similarity(self, a, b):
        va, vb = self.vectors[a], self.vectors[b]
        if len(va) > len(vb):
            va, vb = vb, va
        shared = [w for w in va if w in vb]
        score = sum(va[w] * vb[w] for w in shared)
        shared.sort(key=lambda w: (-self.idf[w], w))
        return min(score, 1.0), shared[:SHOWN_WORDS]


def _cost_profile(lines):
    total = sum((amount for *_key, amount in lines), Decimal(0))
    profile = defaultdict(Decimal)
    if total:
        for year, category, amount in lines:
            profile[(year, category)] += amount / total
    return profile


def cost_similarity(a, b):
    """The share of money both spend on the same category in the same year, and those keys."""
    keys = [k for k in a if k in b and min(a[k], b[k]) > 0]
    return float(sum(min(a[k], b[k]) for k in keys)), sorted(keys)


def _current_cases(project_ids):
    latest = {}
    for case in BusinessCase.objects.filter(project_id__in=project_ids).only(
        "id", "project_id", "number", "problem", "scope"
    ):
        if case.project_id not in latest or case.number > latest[case.project_id].number:
            latest[case.project_id] = case
    return latest


def _costs(case_ids):
    lines = defaultdict(list)
    for case_id, year, category, amount in CostLine.objects.filter(
        business_case_id__in=case_ids
    ).values_list("business_case_id", "year", "category", "amount"):
        lines[case_id].append((year, category, amount))
    return {case_id: _cost_profile(rows) for case_id, rows in lines.items()}


def find_overlaps(project, *, limit=10, visible=None):
    """Projects that may duplicate ``project``, best first, from ``THRESHOLD`` (restricted to
    ``visible`` if given: nothing a reviewer may not see is compared or named)."""
    candidates = Project.objects.exclude(pk=project.pk).exclude(state__in=CLOSED)
    if visible is not None:
        candidates = candidates.filter(pk__in=visible.values("pk"))
    others = list(candidates.select_related("initiative", "sponsoring_unit"))
    everyone = [project, *others]
    cases = _current_cases([p.pk for p in everyone])
    costs = _costs([c.pk for c in cases.values()])
    titles = _Corpus({p.pk: p.title for p in everyone})
    content = _Corpus({p.pk: _content(p, cases.get(p.pk)) for p in everyone})
    mine = cases.get(project.pk)
    my_costs = costs.get(mine.pk, {}) if mine else {}
    overlaps = []
    for other in others:
        case = cases.get(other.pk)
        overlap = _compare(
            project,
            other,
            titles.similarity(project.pk, other.pk),
            content.similarity(project.pk, other.pk),
            cost_similarity(my_costs, costs.get(case.pk, {}) if case else {}),
        )
        if overlap:
            overlaps.append(overlap)
    overlaps.sort(key=lambda o: (-o.score, o.project.pk))
    return overlaps[:limit]


def _content(project, case):
    parts = [project.summary]
    if case is not None:
        parts += [case.problem, case.scope]
    return " ".join(p for p in parts if p)


def _compare(project, other, title, content, costs):
    score, reasons = 0.0, []
    if project.initiative_id and project.initiative_id == other.initiative_id:
        score += WEIGHTS["initiative"]
        reasons.append(_("same initiative: %(name)s") % {"name": other.initiative.name})
    if project.sponsoring_unit_id and project.sponsoring_unit_id == other.sponsoring_unit_id:
        score += WEIGHTS["unit"]
        reasons.append(_("same sponsoring unit: %(name)s") % {"name": other.sponsoring_unit.name})
    similarity, shared = title
    if similarity >= MIN_TITLE:
        score += WEIGHTS["title"] * similarity
        reasons.append(
            _("titles share %(words)s (%(percent)s%% alike)")
            % {"words": ", ".join(shared), "percent": round(similarity * 100)}
        )
    similarity, shared = content
    if similarity >= MIN_CONTENT:
        score += WEIGHTS["content"] * similarity
        reasons.append(
            _("problem, summary and scope share %(words)s (%(percent)s%% alike)")
            % {"words": ", ".join(shared), "percent": round(similarity * 100)}
        )
    similarity, keys = costs
    if similarity >= MIN_COSTS:
        score += WEIGHTS["costs"] * similarity
        reasons.append(
            _("%(percent)s%% of both budgets goes to the same cost categories in the same years")
            % {"percent": round(similarity * 100)}
        )
    if score < THRESHOLD:
        return None
    return Overlap(other, round(min(score, 1.0) * 100), reasons)


def text_similarity(a, b):
    """Similarity of two short texts in [0, 1] (TF-IDF cosine over just the two)."""
    if not a or not b:
        return 0.0
    return round(_Corpus({0: a, 1: b}).similarity(0, 1)[0], 6)
