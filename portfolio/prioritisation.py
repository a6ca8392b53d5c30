"""A steering committee's ranked list: weighted member scores, cumulative cost and envelope."""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count

from .choices import DEFAULT_WEIGHTS, EnvelopeState, ProjectState
from .models import CriterionWeight, Project, ResourceEnvelope, Score


@dataclass
class RankedItem:
    rank: int
    project: Project
    weighted_score: Decimal | None
    scorers: int
    cumulative_cost: Decimal
    within_envelope: bool | None


def weighted_score(averages, weights):
    """Weighted mean of the per-criterion average scores (1-5), over the criteria scored."""
    total_weight = sum(weights[c] for c in averages if weights.get(c))
    if not total_weight:
        return None
    value = sum(Decimal(str(averages[c])) * weights[c] for c in averages if weights.get(c))
    return (value / total_weight).quantize(Decimal("0.01"))


def criterion_weights(body):
    """The committee's weights, the defaults where it has set none."""
    stored = {w.criterion: w.weight for w in CriterionWeight.objects.filter(body=body)}
    return {c: stored.get(c, DEFAULT_WEIGHTS[c]) for c in DEFAULT_WEIGHTS}


def current_envelope(programme, year):
    return (
        ResourceEnvelope.objects.filter(programme=programme, year=year, state=EnvelopeState.SET)
        .order_by("-pk")
        .first()
    )


def initiative_rank(project):
    """The Executive Committee's rank of the project's initiative, or ``None``."""
    return project.initiative.priority_rank if project.initiative_id else None


def ranked_list(body, year, *, user=None):
    weights = criterion_weights(body)
    projects = list(
        Project.objects.filter(
            programme=body.programme_id, state=ProjectState.WITH_STEERING_COMMITTEE
        ).select_related("sponsoring_unit", "initiative")
    )
    averages, scorers = defaultdict(dict), {}
    rows = (
        Score.objects.filter(project__in=[p.pk for p in projects], body=body)
        .values("project_id", "criterion")
        .annotate(avg=Avg("value"), n=Count("member", distinct=True))
    )
    for row in rows:
        averages[row["project_id"]][row["criterion"]] = row["avg"]
        scorers[row["project_id"]] = max(scorers.get(row["project_id"], 0), row["n"])
    scored = [(weighted_score(averages[p.pk], weights), p) for p in projects]
    # The Executive Committee's ranks come first (para 49(i)): a project it ranked, then the
    # rank of the initiative the project serves, then the committee's weighted score.
    scored.sort(
        key=lambda sp: (
            sp[1].priority_rank is None,
            sp[1].priority_rank or 0,
            initiative_rank(sp[1]) is None,
            initiative_rank(sp[1]) or 0,
            -(sp[0] if sp[0] is not None else Decimal(-1)),
            sp[1].pk,
        )
    )
    envelope = current_envelope(body.programme_id, year)
    cumulative, items = Decimal(0), []
    for index, (score, project) in enumerate(scored, start=1):
        cumulative += project.total_cost
        items.append(
            RankedItem(
                rank=index,
                project=project,
                weighted_score=score,
                scorers=scorers.get(project.pk, 0),
                cumulative_cost=cumulative,
                within_envelope=None if envelope is None else cumulative <= envelope.amount,
            )
        )
    from .envelopes import committed_by_year

    committed = committed_by_year(body.programme_id, [year])[year]
    return {
        "items": items,
        "envelope": envelope,
        "committed": committed,
        "headroom": envelope.amount - committed if envelope is not None else None,
        "weights": weights,
        "pending_envelopes": ResourceEnvelope.objects.filter(
            programme=body.programme_id, state=EnvelopeState.PROPOSED
        ).order_by("year"),
    }
