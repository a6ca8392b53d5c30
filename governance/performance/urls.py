from django.urls import path

from . import views

app_name = "performance"
urlpatterns = [
    path("units/", views.scorecards, name="scorecards"),
    path("units/<slug:code>/", views.unit_scorecard, name="scorecard"),
    path("services/", views.service_list, name="services"),
    path("services/new/", views.service_create, name="service_create"),
    path("services/<slug:code>/", views.service_detail, name="service"),
    path("services/<slug:code>/edit/", views.service_edit, name="service_edit"),
    path("services/<slug:code>/levels/new/", views.service_level_edit, name="service_level_add"),
    path(
        "services/<slug:code>/levels/<int:pk>/",
        views.service_level_edit,
        name="service_level_edit",
    ),
]
