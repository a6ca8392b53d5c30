from django.urls import path

from . import views

app_name = "planning"
urlpatterns = [
    path("", views.scenario_list, name="scenarios"),
    path("compare/", views.compare, name="compare"),
    path("frontier/", views.frontier, name="frontier"),
    path("envelopes/", views.envelopes, name="envelopes"),
    path("<int:pk>/", views.scenario_detail, name="scenario"),
]
