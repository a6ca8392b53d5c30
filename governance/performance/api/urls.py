from django.urls import path

from core.api.routers import Router

from . import views

router = Router()
router.register("services", views.ServiceViewSet, basename="service")

urlpatterns = [
    path("scorecards/", views.ScorecardAcrossView.as_view(), name="scorecards"),
    path("scorecards/<slug:code>/", views.ScorecardView.as_view(), name="scorecard"),
    *router.urls,
]
