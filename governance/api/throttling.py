from rest_framework.throttling import UserRateThrottle

from governance.apitokens.models import ApiToken


class TokenRateThrottle(UserRateThrottle):
    """Rate-limits token clients (scripts, dashboards); browser sessions are not throttled."""

    scope = "token"

    def allow_request(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return True
        return super().allow_request(request, view)
