"""What a project's own record adds to a governance decision on it (issue 11, "full
provenance"): the PMO review of the decided business case version, the CITO's endorsement of
it, and the state change the decision caused.

Registered as the ``provenance`` hook of the ``Project`` subject (``portfolio/apps.py``);
governance calls it through ``governance.subjects.provenance_of`` and never imports
portfolio. Everything is read from append-only records (``PmoReview``,
``ProjectTransition``), so decisions recorded before the hook existed (the demo's) show it
too, and a list or an export of any length reads it in two queries.
"""

from django.db.models import Q
from django.urls import reverse

from .choices import ProjectState, ReviewOutcome
from .models import PmoReview, ProjectTransition

#: The PMO's checklist, in the order of the review form.
CHECKLIST = ("complete", "compliant", "overlap_examined", "metrics_comparable")
ENDORSE = "cito_endorse"


def decision_records(decisions):
    """For each decision on a project (saved, or about to be recorded), in order: its
    ``pmo_review``, ``cito_endorsement`` and ``state_change`` as plain data (see
    ``governance.subjects.RECORD_KEYS``), each ``None`` when there is none on record."""
    decisions = list(decisions)
    versions = {_version(d) for d in decisions} - {None}
    decided = {d.pk for d in decisions if d.pk}
    reviews = (
        PmoReview.objects.filter(business_case_id__in=versions)
        .select_related("reviewer", "business_case")
        .order_by("created_at", "pk")
        if versions
        else []
    )
    transitions = (
        ProjectTransition.objects.filter(
            Q(action=ENDORSE, business_case_id__in=versions) | Q(decision_id__in=decided)
        )
        .select_related("actor")
        .order_by("at", "pk")
        if versions or decided
        else []
    )
    reviews_of, endorsements_of, change_of = {}, {}, {}
    for review in reviews:
        reviews_of.setdefault(review.business_case_id, []).append(review)
    for transition in transitions:
        if transition.decision_id in decided:
            change_of.setdefault(transition.decision_id, transition)
        if transition.action == ENDORSE:
            endorsements_of.setdefault(transition.business_case_id, []).append(transition)
    return [
        _records(d, reviews_of, endorsements_of, change_of.get(d.pk) if d.pk else None)
        for d in decisions
    ]


def _version(decision):
    value = str(decision.subject_version_pk or "")
    return int(value) if value.isdigit() else None


def _before(rows, moment, field):
    """The latest of ``rows`` (oldest first) at or before ``moment``."""
    if moment is None:
        return rows[-1] if rows else None
    earlier = [row for row in rows if getattr(row, field) <= moment]
    return earlier[-1] if earlier else None


def _person(user):
    return {"id": user.pk, "name": str(user)} if user is not None else None


def _records(decision, reviews_of, endorsements_of, change):
    version = _version(decision)
    project_url = reverse("portfolio:project", args=[decision.object_id])
    timeline = f"{project_url}#timeline-heading"
    review = _before(
        [r for r in reviews_of.get(version, []) if r.project_id == decision.object_id],
        decision.recorded_at,
        "created_at",
    )
    endorsement = _before(
        [t for t in endorsements_of.get(version, []) if t.project_id == decision.object_id],
        decision.recorded_at,
        "at",
    )
    return {
        "pmo_review": None
        if review is None
        else {
            "id": review.pk,
            "at": review.created_at.isoformat(),
            "by": _person(review.reviewer),
            "outcome": review.outcome,
            "outcome_label": str(ReviewOutcome(review.outcome).label),
            "version": review.business_case.number,
            "checklist": [
                {
                    "key": key,
                    "label": str(PmoReview._meta.get_field(key).verbose_name),
                    "ticked": bool(getattr(review, key)),
                }
                for key in CHECKLIST
            ],
            "comments": review.comments,
            "url": reverse(
                "portfolio:business_case",
                args=[decision.object_id, review.business_case.number],
            ),
        },
        "cito_endorsement": None
        if endorsement is None
        else {
            "id": endorsement.pk,
            "at": endorsement.at.isoformat(),
            "by": _person(endorsement.actor),
            "comment": endorsement.shown_reason,
            "url": timeline,
        },
        "state_change": None
        if change is None
        else {
            "id": change.pk,
            "at": change.at.isoformat(),
            "by": _person(change.actor),
            "from": change.from_state,
            "from_label": str(ProjectState(change.from_state).label),
            "to": change.to_state,
            "to_label": str(ProjectState(change.to_state).label),
            "url": timeline,
        },
    }
