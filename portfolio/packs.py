"""A project in a meeting's board pack (``governance.packs``): each submitted business case
version with its appraisal, and the PMO's reviews."""

from django.db.models import Prefetch

from . import finance, selectors
from .models import BusinessCase, PmoReview


def project_pack(projects, user):
    """``{project.pk: context}`` for the ``projects`` that ``user`` may see, in four queries
    however many projects are on the agenda."""
    visible = (
        selectors.projects_visible_to(user)
        .filter(pk__in=[p.pk for p in projects])
        .select_related("programme", "sponsoring_unit", "proponent")
        .prefetch_related(
            Prefetch(
                "business_cases",
                queryset=BusinessCase.objects.filter(frozen_at__isnull=False)
                .select_related("programme", "initiative", "sponsoring_unit")
                .prefetch_related("costlines", "benefitlines", "risks", "fundingsources")
                .order_by("number"),
                to_attr="submitted_cases",
            ),
            Prefetch(
                "reviews",
                queryset=PmoReview.objects.select_related("reviewer", "business_case").order_by(
                    "created_at", "pk"
                ),
                to_attr="pack_reviews",
            ),
        )
    )
    return {
        project.pk: {
            "project": project,
            "cases": [(case, finance.appraise_case(case)) for case in project.submitted_cases],
            "reviews": project.pack_reviews,
        }
        for project in visible
    }
