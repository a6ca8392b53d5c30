import logging

from rest_framework.throttling import UserRateThrottle

from governance.apitokens.models import ApiToken

logger = logging.getLogger(__name__)


class TokenRateThrottle(UserRateThrottle):
    """Rate-limits token clients (scripts, dashboards); browser sessions are not throttled.

    The counters live in the cache (Redis). When the cache is down the request is let through
    and the outage logged: a throttle protects the portal, it must not take the API down.
    """

    scope = "token"

    def allow_request(self, request, view):
        if not isinstance(request.auth, ApiToken):
            return True
        try:
            return super().allow_request(request, view)
        except Exception as error:  # noqa: BLE001 - any cache failure: fail open
            logger.warning("API throttle cache unavailable, request allowed: %s", error)
            self.history = []
            return True
