from core.api.routers import Router

from . import views

router = Router()
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("initiatives", views.InitiativeViewSet, basename="initiative")
router.register("priority-areas", views.PriorityAreaViewSet, basename="priority-area")
router.register("kpis", views.KpiViewSet, basename="kpi")
router.register("measurements", views.MeasurementViewSet, basename="measurement")
router.register("implementation-plan", views.PlanItemViewSet, basename="plan-item")

urlpatterns = router.urls
