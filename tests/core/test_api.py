"""core.api: ETag helpers and the error format (the endpoints' behaviour is in tests/api)."""

from django.core.exceptions import ValidationError
from rest_framework import exceptions

from core.api.conditional import etag_for, etag_matches
from core.api.errors import exception_handler


def test_an_etag_is_a_quoted_digest_of_the_representation_and_if_match_compares_it():
    etag = etag_for({"a": 1})
    assert etag.startswith('"') and etag == etag_for({"a": 1}) != etag_for({"a": 2})
    assert etag_matches(None, etag) and etag_matches("*", etag)
    assert etag_matches(f'W/{etag}, "other"', etag) and not etag_matches('"other"', etag)


def test_service_refusals_become_400_and_403_in_one_format():
    invalid = exception_handler(ValidationError({"title": ["Required."]}), {})
    assert invalid.status_code == 400
    assert invalid.data["error"]["code"] == "invalid"
    assert invalid.data["error"]["fields"] == {"title": ["Required."]}
    refused = exception_handler(PermissionError("Only the chair may."), {})
    assert refused.status_code == 403
    assert refused.data["error"]["message"] == "Only the chair may."
    assert exception_handler(exceptions.NotFound(), {}).data["error"]["status"] == 404
