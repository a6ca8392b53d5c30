from django.conf import settings
from django.utils import timezone, translation

from .time_zones import zone_for


class PreferredLanguageMiddleware:
    """Serve a signed-in person in their profile's language and time zone.

    The language: the profile's when set (the header's switcher saves the choice there,
    ``governance.views.set_language``), otherwise what ``LocaleMiddleware`` found (the
    language cookie, then the browser's ``Accept-Language``). The language cookie follows
    the profile, so the sign-in page after signing out speaks the same language.
    The time zone: the profile's, else the one of the person's duty station, else UTC.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        language = getattr(user, "preferred_language", "") if signed_in else ""
        if language not in dict(settings.LANGUAGES):
            language = ""
        if language:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        zone = zone_for(user) if signed_in else None
        if zone is not None:
            timezone.activate(zone)
        try:
            response = self.get_response(request)
        finally:
            if zone is not None:
                timezone.deactivate()
        if language:
            response.headers["Content-Language"] = language
            if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language:
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    language,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    path=settings.LANGUAGE_COOKIE_PATH,
                    domain=settings.LANGUAGE_COOKIE_DOMAIN,
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                    httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                )
        return response
