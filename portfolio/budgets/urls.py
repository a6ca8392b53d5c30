from django.urls import path

from . import cycle_views, views

app_name = "budgets"
urlpatterns = [
    path("", views.my_unit, name="my_unit"),
    path("review/", views.review_queue, name="review_queue"),
    path("consolidation/", views.consolidation, name="consolidation"),
    path("consolidation/export.csv", views.consolidation_csv, name="consolidation_csv"),
    path("consolidation/export.xlsx", views.consolidation_xlsx, name="consolidation_xlsx"),
    path("import/", views.import_lines, name="import"),
    path("delegates/", views.delegates, name="delegates"),
    path("cycles/", cycle_views.cycle_list, name="cycles"),
    path("cycles/<slug:code>/", cycle_views.cycle_detail, name="cycle"),
    path(
        "cycles/<slug:code>/units/<slug:unit>/start/",
        views.submission_start,
        name="submission_start",
    ),
    path("submissions/<int:pk>/", views.submission, name="submission"),
    path("submissions/<int:pk>/edit/", views.submission_edit, name="submission_edit"),
    path("submissions/<int:pk>/edit/row/", views.submission_line_row, name="submission_line_row"),
    path("submissions/<int:pk>/act/", views.submission_act, name="submission_act"),
]
