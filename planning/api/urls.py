from django.urls import path

from core.api.routers import Router

from . import views

router = Router()
router.register("planning/scenarios", views.ScenarioViewSet, basename="scenario")

urlpatterns = [
    path("planning/compare/", views.CompareView.as_view(), name="planning-compare"),
    path("planning/frontier/", views.FrontierView.as_view(), name="planning-frontier"),
    path("planning/envelopes/", views.EnvelopeTableView.as_view(), name="planning-envelopes"),
    *router.urls,
]
