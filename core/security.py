"""Sign-in and response hardening that no app owns: the client's address (for django-axes),
the idle-session timeout, re-authentication before sensitive changes, and the security headers
that django-csp does not set.

- ``client_ip(request)``: the address a lockout counts against; behind ``TRUSTED_PROXY_COUNT``
  proxies it is read from ``X-Forwarded-For`` (counted from the right, the part the proxies
  wrote), never from what the client claims.
- ``IdleSessionTimeoutMiddleware``: a session unused for ``SESSION_IDLE_MINUTES`` is ended.
- ``recently_authenticated`` / ``mark_authenticated``: whether the person typed their password
  in the last ``REAUTHENTICATION_MINUTES``.
- ``SecurityHeadersMiddleware``: ``Permissions-Policy`` on every response and
  ``Cache-Control: no-store`` on whatever a signed-in person (or an API token) gets.
"""

import time

from django.conf import settings
from django.contrib import auth, messages
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _

#: session keys
LAST_ACTIVITY = "_last_activity"
AUTHENTICATED_AT = "_authenticated_at"
#: the last activity is written to the session at most this often (seconds), so a busy page
#: does not cost a session write per request.
ACTIVITY_RESOLUTION = 60


def client_ip(request):
    """The client's address: ``REMOTE_ADDR``, or behind trusted proxies the address the
    outermost of them saw (``X-Forwarded-For``, counted from the right)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _now():
    return int(time.time())


def mark_authenticated(request):
    """Record that the person has just typed their password (sign-in or re-authentication)."""
    request.session[AUTHENTICATED_AT] = _now()
    request.session[LAST_ACTIVITY] = _now()


def recently_authenticated(request):
    at = request.session.get(AUTHENTICATED_AT)
    window = getattr(settings, "REAUTHENTICATION_MINUTES", 5) * 60
    return isinstance(at, int) and _now() - at <= window


def on_user_logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        mark_authenticated(request)


class IdleSessionTimeoutMiddleware:
    """Sign out a session that has not made a request for ``SESSION_IDLE_MINUTES``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(auth.SESSION_KEY):
            now = _now()
            last = session.get(LAST_ACTIVITY)
            idle = getattr(settings, "SESSION_IDLE_MINUTES", 30) * 60
            if isinstance(last, int) and now - last > idle:
                auth.logout(request)
                messages.info(
                    request,
                    _("You were signed out after %(minutes)s minutes without activity.")
                    % {"minutes": idle // 60},
                )
            elif not isinstance(last, int) or now - last >= ACTIVITY_RESOLUTION:
                session[LAST_ACTIVITY] = now
        return self.get_response(request)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        user = getattr(request, "user", None)
        signed_in = "HTTP_AUTHORIZATION" in request.META or (
            user is not None and user.is_authenticated
        )
        if signed_in:
            # What a signed-in person sees is theirs: no shared or browser cache keeps it.
            if "max-age" in response.headers.get("Cache-Control", ""):
                del response.headers["Cache-Control"]
            patch_cache_control(response, private=True, no_store=True)
        return response
