from django.urls import path

from . import views

app_name = "administration"
urlpatterns = [
    path("", views.index, name="index"),
    path("bodies/", views.body_list, name="bodies"),
    path("bodies/<slug:code>/", views.body_detail, name="body"),
    path("bodies/<slug:code>/appoint/", views.membership_appoint, name="appoint"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("memberships/<int:pk>/replace/", views.membership_replace, name="membership_replace"),
    path("memberships/<int:pk>/role/", views.membership_change_role, name="membership_role"),
    path("units/", views.unit_list, name="units"),
    path("units/<slug:code>/", views.unit_detail, name="unit"),
    path("users/", views.user_list, name="users"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user"),
    path(
        "users/<int:pk>/deactivate/",
        views.user_activation,
        {"action": "deactivate"},
        name="user_deactivate",
    ),
    path(
        "users/<int:pk>/reactivate/",
        views.user_activation,
        {"action": "reactivate"},
        name="user_reactivate",
    ),
]
