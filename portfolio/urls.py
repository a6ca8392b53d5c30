from django.urls import path

from . import asset_views, views

app_name = "portfolio"
urlpatterns = [
    path("", views.pipeline, name="pipeline"),
    path("overview/", views.overview, name="overview"),
    path("assets/", asset_views.asset_list, name="assets"),
    path("assets/new/", asset_views.asset_new, name="asset_new"),
    path("assets/import/", asset_views.asset_import, name="asset_import"),
    path(
        "assets/import/template.csv",
        asset_views.asset_import_template,
        name="asset_import_template",
    ),
    path("assets/export.csv", asset_views.asset_export, {"fmt": "csv"}, name="asset_export_csv"),
    path("assets/export.xlsx", asset_views.asset_export, {"fmt": "xlsx"}, name="asset_export_xlsx"),
    path("assets/<int:pk>/", asset_views.asset_detail, name="asset"),
    path("assets/<int:pk>/retire/", asset_views.asset_retire, name="asset_retire"),
    path(
        "assets/<int:pk>/links/<int:link_pk>/remove/",
        asset_views.asset_unlink,
        name="asset_unlink",
    ),
    path("new/", views.project_new, name="project_new"),
    path("new/rows/<slug:section>/", views.case_line_row, name="case_line_row"),
    path("<int:pk>/", views.project_detail, name="project"),
    path("<int:pk>/edit/", views.project_edit, name="project_edit"),
    path("<int:pk>/act/<slug:action>/", views.project_act, name="project_act"),
    path("<int:pk>/review/", views.project_review, name="project_review"),
    path("<int:pk>/case/<int:number>/", views.business_case, name="business_case"),
    path("<int:pk>/compare/", views.business_case_compare, name="compare"),
    path("<int:pk>/committee/", views.committee_item, name="committee_item"),
    path("<int:pk>/reports/new/", views.status_report_new, name="status_report_new"),
    path("<int:pk>/phases/new/", views.phase_new, name="phase_new"),
    path("<int:pk>/services/", views.project_services, name="project_services"),
    path("prioritisation/<slug:programme>/", views.prioritisation, name="prioritisation"),
    path("initiatives/<slug:code>/rank/", views.initiative_rank, name="initiative_rank"),
]
