"""Answers for API addresses that reach no API view."""

from django.views import defaults
from rest_framework import exceptions

from .errors import error_response_json


def page_not_found(request, exception):
    """``handler404``: under ``/api/`` a path no route matches (``/projects/abc/`` where an id
    is a number) answers like the API's own 404, in its JSON error body, not the HTML page."""
    if request.path.startswith("/api/"):
        return error_response_json(404, str(exceptions.NotFound.default_detail), "not_found")
    return defaults.page_not_found(request, exception)
