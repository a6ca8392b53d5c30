"""One error format for the whole API::

    {"error": {"status": 400, "code": "invalid", "message": "...",
               "fields": {"title": ["This field is required."]}}}

Django ``ValidationError`` and ``PermissionError`` raised by services (e.g.
``governance.rights.RightsError``) become 400 and 403, so services need not know about HTTP;
an exception that is both (a refusal of the person that pages show as a form error) is a 403.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The resource has changed since you read it (stale If-Match)."
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = (
        "Send the ETag you read as If-Match: a write without it could overwrite a change "
        "you have not seen."
    )
    default_code = "precondition_required"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "The request conflicts with the resource's current state."
    default_code = "conflict"


def exception_handler(exc, context):
    if isinstance(exc, PermissionError) and not isinstance(exc, exceptions.APIException):
        # First: a service's refusal of the person may also be a ValidationError (pages show
        # both alike), and it is a 403 all the same.
        message = " ".join(exc.messages) if isinstance(exc, DjangoValidationError) else str(exc)
        exc = exceptions.PermissionDenied(message or None)
    elif isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            exc = exceptions.ValidationError(exc.message_dict)
        else:
            exc = exceptions.ValidationError({"non_field_errors": exc.messages})
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    response.data = {"error": _error_body(exc, response)}
    return response


def _error_body(exc, response):
    body = {"status": response.status_code, "code": "error", "message": ""}
    detail = getattr(exc, "detail", None)
    if isinstance(exc, exceptions.ValidationError):
        body["code"] = "invalid"
        body["message"] = _("The request is not valid; see the field messages.")
        if isinstance(detail, dict):
            body["fields"] = {key: _flatten(value) for key, value in detail.items()}
        else:
            body["fields"] = {"non_field_errors": _flatten(detail)}
        return body
    if isinstance(detail, dict):
        body["message"] = "; ".join(" ".join(_flatten(v)) for v in detail.values())
    elif isinstance(detail, list):
        body["message"] = " ".join(_flatten(detail))
    else:
        body["message"] = str(detail) if detail is not None else str(exc)
    codes = exc.get_codes() if hasattr(exc, "get_codes") else None
    if isinstance(codes, str):
        body["code"] = codes
    return body


def _flatten(value):
    if isinstance(value, dict):
        return [f"{key}: {' '.join(_flatten(item))}" for key, item in value.items()]
    if isinstance(value, list | tuple):
        result = []
        for item in value:
            result.extend(_flatten(item))
        return result
    return [str(value)]


def error_response(status_code, message, code="error"):
    return Response(
        {"error": {"status": status_code, "code": code, "message": message}}, status=status_code
    )


def error_response_json(status_code, message, code="error"):
    """The same body for plain Django views (no DRF renderer): e.g. the API's ``handler404``."""
    return JsonResponse(
        {"error": {"status": status_code, "code": code, "message": message}}, status=status_code
    )
