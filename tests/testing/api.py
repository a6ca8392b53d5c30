"""Generic checks for API endpoints, the REST twin of ``views.PersonaAccessMixin``.

Each persona calls the endpoint with a personal API token, as a REST client would::

    class TestDecisionList(ApiPersonaAccessMixin):
        allowed = ApiPersonaAccessMixin.ALL

        def get_url(self, personas):
            return "/api/v1/decisions/"
"""

import pytest
from rest_framework.test import APIClient

from governance.apitokens.services import api_token_issue

from .personas import PERSONA_NAMES


def token_client(user, *, read_only=False):
    """An APIClient that sends a fresh personal token of ``user``."""
    _token, key = api_token_issue(user=user, name="test", read_only=read_only)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


class ApiPersonaAccessMixin:
    allowed: set | str = set()
    hidden: set = set()
    allowed_status = 200
    refused_status = 403
    method = "get"
    ALL = "__all__"

    def get_url(self, personas):
        raise NotImplementedError

    def get_data(self, personas):
        return None

    def expected_status(self, username):
        if self.allowed == self.ALL or username in self.allowed:
            return self.allowed_status
        if username in self.hidden:
            return 404
        return self.refused_status

    @pytest.mark.parametrize("username", PERSONA_NAMES)
    def test_persona_access(self, personas, username):
        client = token_client(personas[username])
        url = self.get_url(personas)
        data = self.get_data(personas)
        # a write of a versioned record says which version it read (here: whichever)
        headers = {"HTTP_IF_MATCH": "*"} if self.method in ("put", "patch", "delete") else {}
        response = getattr(client, self.method)(url, data, format="json", **headers)
        assert response.status_code == self.expected_status(username), (
            f"{username} got {response.status_code} from {self.method.upper()} {url}: "
            f"{getattr(response, 'data', '')}"
        )
        if response.status_code >= 400:
            assert "error" in response.json()

    def test_anonymous_is_refused(self, personas):
        response = getattr(APIClient(), self.method)(self.get_url(personas), format="json")
        assert response.status_code in (401, 403)
        assert response.json()["error"]["status"] == response.status_code
