from django.urls import path

from . import views

urlpatterns = [
    path("transparency/projects/", views.ProjectList.as_view(), name="transparency-projects"),
    path("transparency/decisions/", views.DecisionList.as_view(), name="transparency-decisions"),
    path("transparency/kpis/", views.KpiList.as_view(), name="transparency-kpis"),
    path("transparency/services/", views.ServiceList.as_view(), name="transparency-services"),
    path("transparency/report/", views.ReportSummary.as_view(), name="transparency-report"),
]
