from django.utils import translation


class PreferredLanguageMiddleware:
    """Serve a signed-in user in the language chosen on their profile, if they chose one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        language = getattr(user, "preferred_language", "") if user is not None else ""
        if language and user.is_authenticated:
            translation.activate(language)
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        if language and user.is_authenticated:
            response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
