from django.urls import path

from . import kpi_views, plan_views, views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list, name="list"),
    path("plan/", plan_views.plan, name="plan"),
    path("plan/<slug:code>/", plan_views.plan_item, name="plan_item"),
    path("kpis/", kpi_views.kpi_list, name="kpis"),
    path("kpis/new/", kpi_views.kpi_create, name="kpi_create"),
    path("kpis/<slug:code>/", kpi_views.kpi_detail, name="kpi"),
    path("kpis/<slug:code>/edit/", kpi_views.kpi_edit, name="kpi_edit"),
    path("kpis/<slug:code>/compute/", kpi_views.kpi_compute, name="kpi_compute"),
    path("initiatives/<slug:code>/", views.initiative_detail, name="initiative"),
    path("<slug:code>/", views.programme_detail, name="detail"),
]
