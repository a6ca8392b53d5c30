from django.urls import path

from core.api.routers import Router

from . import views

router = Router()
router.register("projects", views.ProjectViewSet, basename="project")
router.register("business-cases", views.BusinessCaseViewSet, basename="business-case")
router.register("status-reports", views.StatusReportViewSet, basename="status-report")
router.register("assets", views.AssetViewSet, basename="asset")

urlpatterns = [
    path("portfolio/status/", views.PortfolioStatusView.as_view(), name="portfolio-status"),
    *router.urls,
]
