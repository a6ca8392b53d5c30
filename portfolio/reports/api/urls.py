from django.urls import path

from core.api.routers import Router

from . import views

router = Router()
router.register("reports/quarterly", views.QuarterlyReportViewSet, basename="reports-quarterly")

urlpatterns = [
    path(
        "reports/<int:pk>/report.xlsx", views.ReportWorkbookView.as_view(), name="report-workbook"
    ),
    path("reports/<int:pk>/csv.zip", views.ReportCsvArchiveView.as_view(), name="report-csv"),
    *router.urls,
]
