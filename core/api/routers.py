"""The router every app's API registers its viewsets with.

DRF's ``DefaultRouter`` adds a format-suffix twin to every route (``/projects/1.json``); on a
custom action that twin passed ``format`` to a method that does not take it: a 500. The API
speaks JSON (``Accept`` or ``?format=`` chooses another renderer), so there are no suffix
routes: ``/projects/1.json`` is a 404 like any other unknown address. No root view either:
``/api/v1/docs/`` lists the endpoints."""

from rest_framework.routers import SimpleRouter


class Router(SimpleRouter):
    def __init__(self):
        super().__init__(trailing_slash=True)
