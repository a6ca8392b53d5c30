from django.urls import path

from core.api.routers import Router

from . import views

router = Router()
router.register("staffing/snapshots", views.StaffingSnapshotViewSet, basename="staffing-snapshot")

urlpatterns = [
    path("staffing/summary/", views.StaffingSummaryView.as_view(), name="staffing-summary"),
    path("staffing/trend/", views.StaffingTrendView.as_view(), name="staffing-trend"),
    *router.urls,
]
