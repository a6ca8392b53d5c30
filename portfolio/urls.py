from django.urls import path

from . import views

app_name = "portfolio"
urlpatterns = [
    path("", views.pipeline, name="pipeline"),
    path("overview/", views.overview, name="overview"),
    path("assets/", views.assets, name="assets"),
    path("new/", views.project_new, name="project_new"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/act/<slug:action>/", views.project_act, name="project_act"),
    path("<int:pk>/review/", views.project_review, name="project_review"),
    path("<int:pk>/case/<int:number>/", views.business_case, name="business_case"),
    path("<int:pk>/compare/", views.business_case_compare, name="compare"),
    path("<int:pk>/committee/", views.committee_item, name="committee_item"),
    path("<int:pk>/reports/new/", views.status_report_new, name="status_report_new"),
    path("<int:pk>/phases/new/", views.phase_new, name="phase_new"),
    path("prioritisation/<slug:programme>/", views.prioritisation, name="prioritisation"),
]
