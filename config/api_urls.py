"""``/api/v1/``: each app's API lives in its ``api/urls.py`` and is mounted here."""

from importlib.util import find_spec

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.permissions import AllowAny

PROJECT_APPS = (
    "programmes",
    "governance",
    "governance.performance",
    "portfolio",
    "portfolio.budgets",
    "survey",
    "staffing",
    "portfolio.reports",
    "planning",
    "transparency",
)

urlpatterns = [
    # The schema and its documentation describe the API, not its data: public, like most APIs'.
    path(
        "schema/",
        SpectacularAPIView.as_view(permission_classes=[AllowAny], authentication_classes=[]),
        name="api-schema",
    ),
    path(
        "docs/",
        # The UI comes from drf-spectacular-sidecar's static files and its start-up script is
        # a separate file (``?script``): the Content Security Policy allows no inline script.
        SpectacularSwaggerSplitView.as_view(
            url_name="api-schema",
            template_name="api/swagger_ui.html",
            permission_classes=[AllowAny],
            authentication_classes=[],
        ),
        name="api-docs",
    ),
]
for _app in PROJECT_APPS:
    if find_spec(f"{_app}.api") is not None and find_spec(f"{_app}.api.urls") is not None:
        urlpatterns.append(path("", include(f"{_app}.api.urls")))
