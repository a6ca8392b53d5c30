from django.urls import path

from . import views

app_name = "survey"
urlpatterns = [
    path("", views.survey_list, name="list"),
    path("new/", views.survey_create, name="create"),
    path("<int:pk>/", views.survey_detail, name="detail"),
    path("<int:pk>/edit/", views.survey_edit, name="edit"),
    path("<int:pk>/open/", views.survey_transition, {"action": "open"}, name="open"),
    path("<int:pk>/close/", views.survey_transition, {"action": "close"}, name="close"),
    path("<int:pk>/answer/", views.respond, name="respond"),
    path("<int:pk>/thanks/", views.thanks, name="thanks"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/results/by/<slug:dimension>/", views.results_breakdown, name="breakdown"),
    path("<int:pk>/comments/", views.comments, name="comments"),
    path("<int:pk>/results.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("<int:pk>/results.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("<int:pk>/import/", views.import_responses, name="import"),
    path("<int:pk>/import/template.csv", views.import_template, name="import_template"),
    path("<int:pk>/import/<int:import_pk>/confirm/", views.import_confirm, name="import_confirm"),
]
