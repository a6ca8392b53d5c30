from django.urls import path

from . import round_views, views

app_name = "staffing"
urlpatterns = [
    path("summary/", views.summary, name="summary"),
    path("summary/export.csv", views.summary_csv, name="summary_csv"),
    path("trend/", views.trend, name="trend"),
    path("plan/", views.plan, name="plan"),
    path("plan/edit/", views.edit_plan, name="plan_edit"),
    path("snapshots/new/", views.submit_snapshot, name="snapshot_new"),
    path("snapshots/import/", views.import_snapshots, name="import"),
    path("rounds/", round_views.round_list, name="rounds"),
    path("rounds/<int:pk>/close/", round_views.round_close, name="round_close"),
]
