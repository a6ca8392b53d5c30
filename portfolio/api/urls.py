from django.urls import path
from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("projects", views.ProjectViewSet, basename="project")
router.register("business-cases", views.BusinessCaseViewSet, basename="business-case")
router.register("status-reports", views.StatusReportViewSet, basename="status-report")
router.register("assets", views.AssetViewSet, basename="asset")

urlpatterns = [
    path("portfolio/status/", views.PortfolioStatusView.as_view(), name="portfolio-status"),
    *router.urls,
]
