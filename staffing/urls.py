from django.urls import path

from . import views

app_name = "staffing"
urlpatterns = [
    path("summary/", views.summary, name="summary"),
]
