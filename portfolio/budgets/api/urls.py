from django.urls import path

from core.api.routers import Router

from . import views

router = Router()
router.register("budget-cycles", views.BudgetCycleViewSet, basename="budget-cycle")
router.register("budget-submissions", views.BudgetSubmissionViewSet, basename="budget-submission")

urlpatterns = [
    path("budgets/consolidation/", views.ConsolidationView.as_view(), name="budget-consolidation"),
    *router.urls,
]
