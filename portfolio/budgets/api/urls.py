from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("budget-cycles", views.BudgetCycleViewSet, basename="budget-cycle")
router.register("budget-submissions", views.BudgetSubmissionViewSet, basename="budget-submission")

urlpatterns = [
    path("budgets/consolidation/", views.ConsolidationView.as_view(), name="budget-consolidation"),
    *router.urls,
]
