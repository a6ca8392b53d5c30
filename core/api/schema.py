"""The OpenAPI schema documents every status an operation can answer, once, for the whole API.

drf-spectacular documents the success response of each operation; the errors come from layers
every view shares (authentication, permissions, throttling, validation, ``If-Match``, the
object lookup), so they are added here, from what the view is, instead of in each view:

- 400: a request body, or query parameters (filters, ordering, pagination), that do not parse
  or do not validate; the body then names the fields.
- 401: no credentials, or a token that is invalid, expired or revoked (operations that need a
  signed-in user; DRF answers 401 because the token scheme sends ``WWW-Authenticate``).
- 403: signed in but not allowed (a role, a read-only token, a service's refusal).
- 404: the object in the path does not exist or is not visible to the reader.
- 409: a write that conflicts with the resource's current state.
- 412 and 428: writes of versioned records (``If-Match``: stale, or missing on ``PUT``/``PATCH``).
- 415: a request body in a media type the operation does not read.
- 429: throttled.

Every error shares one body, the ``Error`` component (``core.api.errors``). Versioned
records' ``PUT``/``PATCH`` also declare the ``If-Match`` header they require.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiParameter
from rest_framework import serializers

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
BODY_METHODS = ("POST", "PUT", "PATCH")


class ErrorDetailSerializer(serializers.Serializer):
    status = serializers.IntegerField()
    code = serializers.CharField()
    message = serializers.CharField(allow_blank=True)
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        required=False,
        help_text="On 400: the messages of each field that is not valid.",
    )


class ErrorSerializer(serializers.Serializer):
    """The one error body of the API."""

    error = ErrorDetailSerializer()


ERROR_DESCRIPTIONS = {
    "400": "The request is not valid (the body names the fields).",
    "401": "No credentials, or a token that is invalid, expired or revoked.",
    "403": "Not allowed for this user or token.",
    "404": "Not found, or not visible to this user.",
    "409": "Conflicts with the resource's current state.",
    "412": "Stale If-Match: the resource has changed since it was read; nothing changed.",
    "415": "The request body's media type is not supported.",
    "428": "If-Match is required: send the ETag read.",
    "429": "Too many requests: throttled.",
}

IF_MATCH_DESCRIPTION = (
    "The ETag read (or `*`); a stale one gets 412 and changes nothing, and a PUT or PATCH "
    "without it gets 428."
)


class PortalAutoSchema(AutoSchema):
    def get_auth(self):
        auths = super().get_auth()
        # A permission that lets signed-out readers in (the transparency area once public)
        # makes authentication optional, which OpenAPI says with an empty requirement.
        if self._reads_anonymously() and {} not in auths:
            auths.append({})
        return auths

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        if self._checks_if_match():
            self._declare_if_match(operation)
        responses = operation.setdefault("responses", {})
        for code in sorted(set(self._error_codes(operation))):
            if code not in responses:
                responses[code] = {
                    "description": ERROR_DESCRIPTIONS[code],
                    "content": {"application/json": {"schema": self._error_ref()}},
                }
        operation["responses"] = dict(sorted(responses.items()))
        return operation

    def _error_ref(self):
        return self.resolve_serializer(ErrorSerializer, "response").ref

    def _error_codes(self, operation):
        codes = []
        has_query = any(p.get("in") == "query" for p in operation.get("parameters", []))
        if self.method in WRITE_METHODS or has_query:
            codes.append("400")
        if self._requires_authentication():
            codes.append("401")
        codes.append("403")
        # the object in the path, or a record a write names, that does not exist or that the
        # reader may not see; a view may say it answers 404 otherwise (``schema_error_codes``)
        if "{" in self.path or self.method in WRITE_METHODS:
            codes.append("404")
        codes.extend(getattr(self.view, "schema_error_codes", ()))
        if self.method in WRITE_METHODS:
            codes.append("409")
        if self._checks_if_match():
            codes.append("412")
            if self.method in ("PUT", "PATCH"):
                codes.append("428")
        if "requestBody" in operation:
            codes.append("415")
        if self.view.get_throttles():
            codes.append("429")
        return codes

    def _permissions(self):
        return self.view.get_permissions()

    def _reads_anonymously(self):
        return self.method in ("GET", "HEAD", "OPTIONS") and any(
            getattr(permission, "anonymous_read", False) for permission in self._permissions()
        )

    def _requires_authentication(self):
        return bool(self.view.get_authenticators())

    def _checks_if_match(self):
        """Versioned records: a write compares ``If-Match`` (``core.api.conditional``), or the
        view declares the header itself (budget submissions' state actions)."""
        if self.method not in ("PUT", "PATCH", "DELETE", "POST"):
            return False
        declared = any(
            isinstance(p, OpenApiParameter) and p.name.lower() == "if-match"
            for p in self.get_override_parameters()
        )
        if declared:
            return True
        return self.method in ("PUT", "PATCH", "DELETE") and hasattr(self.view, "check_if_match")

    def _declare_if_match(self, operation):
        parameters = operation.setdefault("parameters", [])
        required = self.method in ("PUT", "PATCH")
        for parameter in parameters:
            if parameter.get("in") == "header" and parameter.get("name", "").lower() == "if-match":
                parameter["required"] = parameter.get("required", False) or required
                return
        parameters.append(
            {
                "in": "header",
                "name": "If-Match",
                "schema": {"type": "string"},
                "required": required,
                "description": IF_MATCH_DESCRIPTION,
            }
        )


# ``core.params.DATE_MIN``..``DATE_MAX`` (1950-01-01..2100-12-31), which every date field
# validates: ``format: date`` has no range, so the schema says it with a pattern.
DATE_PATTERN = r"^(19[5-9][0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"


def dates_in_range(result, generator, request, public):
    """Postprocessing hook: every date in the schema carries the portal's date range."""

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") == "string" and node.get("format") == "date":
                node.setdefault("pattern", DATE_PATTERN)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result
