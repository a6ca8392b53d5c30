"""ETags on responses and ``If-Match`` on writes, so concurrent edits never silently overwrite.

The ETag of an object is a digest of its representation. A ``PUT``/``PATCH`` must send
``If-Match`` (without it: 428, nothing changes); a ``PUT``/``PATCH``/``DELETE`` with a stale
ETag gets 412 and nothing changes; the comparison happens with the row locked
(``select_for_update``), inside the transaction that writes. ``If-Match: *`` says "whatever it
is now" explicitly.
"""

import hashlib
import json

from django.db import transaction
from rest_framework import mixins
from rest_framework.renderers import JSONRenderer

from .errors import PreconditionFailed, PreconditionRequired


def etag_for(data):
    payload = JSONRenderer().render(data) if not isinstance(data, bytes) else data
    return '"' + hashlib.sha256(payload).hexdigest()[:32] + '"'


def etag_matches(header, etag):
    if not header:
        return True
    candidates = {item.strip() for item in header.split(",")}
    weak = {c[2:] if c.startswith("W/") else c for c in candidates}
    return "*" in candidates or etag in weak


class _Absent:
    """An attribute that is not there (``hasattr`` is false): the router then offers no route."""

    def __get__(self, instance, owner):
        raise AttributeError("not supported by this viewset")


class ETagMixin:
    """For ModelViewSets: ETag on retrieve/update responses; If-Match checked on writes."""

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # The router routes PUT/PATCH/DELETE to whatever ``update``/``destroy`` a viewset has:
        # on a read-only viewset the wrappers below would answer 500 instead of 405.
        if not issubclass(cls, mixins.UpdateModelMixin):
            cls.update = _Absent()
        if not issubclass(cls, mixins.DestroyModelMixin):
            cls.destroy = _Absent()

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        response["ETag"] = etag_for(response.data)
        return response

    def current_etag(self, instance):
        return etag_for(self.get_serializer(instance).data)

    def check_if_match(self, instance):
        header = self.request.headers.get("If-Match")
        if not header:
            if self.request.method in ("PUT", "PATCH"):
                raise PreconditionRequired()
            return
        if not etag_matches(header, self.current_etag(instance)):
            raise PreconditionFailed()

    def update(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object()
            locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
            self.check_if_match(locked)
            response = super().update(request, *args, **kwargs)
        if response.status_code < 300 and isinstance(response.data, dict):
            response["ETag"] = etag_for(response.data)
        return response

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.get_object()
            locked = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
            self.check_if_match(locked)
            return super().destroy(request, *args, **kwargs)


class ETagResponseMixin:
    """For read-only APIViews returning computed JSON (summaries): just the ETag."""

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method == "GET" and response.status_code == 200 and hasattr(response, "data"):
            response["ETag"] = etag_for(json.loads(JSONRenderer().render(response.data)))
        return response
