from django.urls import path

from . import views

urlpatterns = [
    path("staffing/summary/", views.StaffingSummaryView.as_view(), name="staffing-summary"),
    path("staffing/trend/", views.StaffingTrendView.as_view(), name="staffing-trend"),
]
