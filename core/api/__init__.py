"""The REST API's conventions, shared by every app's endpoints.

- ``core.api.errors``: one error format and the exception handler (``EXCEPTION_HANDLER``);
- ``core.api.conditional``: ETags on responses, ``If-Match`` on writes (412 when stale);
- ``core.api.pagination``: ``?limit=`` (at most 500) and ``&offset=``;
- ``core.api.filters``: the default filter backend (date-times compared in UTC).

Authentication by personal API tokens belongs to governance (``governance.api``).
"""
