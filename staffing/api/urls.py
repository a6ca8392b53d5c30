from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("staffing/snapshots", views.StaffingSnapshotViewSet, basename="staffing-snapshot")

urlpatterns = [
    path("staffing/summary/", views.StaffingSummaryView.as_view(), name="staffing-summary"),
    path("staffing/trend/", views.StaffingTrendView.as_view(), name="staffing-trend"),
    *router.urls,
]
