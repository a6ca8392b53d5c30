"""Generic checks that a view answers every persona as it should.

A test class declares the URL and which personas get what; the mixin does the rest, like
NetBox's ``utilities/testing/views.py``::

    class TestBodyPage(PersonaAccessMixin):
        allowed = {"dsg", "cito"}          # 200 (or `allowed_status`)
        hidden = {"staff"}                  # 404: may not know it exists
        # everyone else: 403

        def get_url(self, personas):
            return reverse("governance:body", args=["km-steering"])
"""

import pytest

from .personas import PERSONA_NAMES


class PersonaAccessMixin:
    #: personas who may use the view; ``ALL`` means every persona.
    allowed: set | str = set()
    #: personas for whom the object does not exist (404).
    hidden: set = set()
    #: status for an allowed persona (200 for a page, 302 for a form that redirects).
    allowed_status = 200
    #: status for any persona neither allowed nor hidden.
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
    def test_persona_access(self, client, personas, username):
        url = self.get_url(personas)
        client.force_login(personas[username])
        data = self.get_data(personas)
        response = (
            getattr(client, self.method)(url, data) if data else getattr(client, self.method)(url)
        )
        assert response.status_code == self.expected_status(username), (
            f"{username} got {response.status_code} from {self.method.upper()} {url}"
        )

    def test_anonymous_is_sent_to_login(self, client, personas):
        response = getattr(client, self.method)(self.get_url(personas))
        assert response.status_code in (302, 401, 403)
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]
