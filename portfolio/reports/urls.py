from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.report_list, name="list"),
    path("request/", views.request_report, name="request"),
    path("quarter/<str:quarter>/", views.current_report, name="quarter"),
    path("<int:pk>/", views.report_detail, name="report"),
    path("<int:pk>/report.xlsx", views.download_workbook, name="workbook"),
    path("<int:pk>/csv.zip", views.download_csv_archive, name="csv_archive"),
    path("<int:pk>/csv/<slug:section>.csv", views.download_csv, name="csv"),
    path("runs/<int:pk>/", views.run_detail, name="run"),
    path("runs/<int:pk>/status.json", views.run_status, name="run_status"),
]
