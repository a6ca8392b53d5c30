from django.urls import path

from . import views

app_name = "transparency"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("decisions/", views.decisions, name="decisions"),
    path("decisions.atom", views.feed, name="feed"),
    path("performance/", views.performance, name="performance"),
    path("report/", views.report, name="report"),
    path("data/", views.open_data, name="open_data"),
    path(
        "data/projects.csv", views.dataset, {"name": "projects", "fmt": "csv"}, name="projects_csv"
    ),
    path(
        "data/projects.json",
        views.dataset,
        {"name": "projects", "fmt": "json"},
        name="projects_json",
    ),
    path(
        "data/decisions.csv",
        views.dataset,
        {"name": "decisions", "fmt": "csv"},
        name="decisions_csv",
    ),
    path(
        "data/decisions.json",
        views.dataset,
        {"name": "decisions", "fmt": "json"},
        name="decisions_json",
    ),
    path("settings/", views.switch, name="switch"),
]
