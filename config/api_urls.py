"""``/api/v1/``: each app's API lives in its ``api/urls.py`` and is mounted here."""

from importlib.util import find_spec

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.permissions import AllowAny

PROJECT_APPS = (
    "programmes",
    "governance",
    "portfolio",
    "portfolio.budgets",
    "survey",
    "staffing",
    "portfolio.reports",
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
        SpectacularSwaggerView.as_view(
            url_name="api-schema", permission_classes=[AllowAny], authentication_classes=[]
        ),
        name="api-docs",
    ),
]
for _app in PROJECT_APPS:
    if find_spec(f"{_app}.api") is not None and find_spec(f"{_app}.api.urls") is not None:
        urlpatterns.append(path("", include(f"{_app}.api.urls")))
