from core.loading import app_hooks


def main_navigation(request):
    """The site's main menu: each app's ``navigation.main_nav(user)`` adds its entries."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_nav": []}

    def entries():
        items = []
        for _config, module in app_hooks("navigation"):
            if hasattr(module, "main_nav"):
                items.extend(module.main_nav(user))
        return items

    return {"main_nav": entries}


def unread_notifications(request):
    """How many unread notifications the header shows (one query, lazily, per page)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"unread_notifications": 0}

    def count():
        return user.notifications.filter(read_at__isnull=True, resolved_at__isnull=True).count()

    return {"unread_notifications": count}


def way_back(request):
    """The page a person came from, if it is on this site (error pages offer it as a way back)."""

    def url():
        from django.utils.http import url_has_allowed_host_and_scheme

        referer = request.META.get("HTTP_REFERER", "")
        if (
            referer
            and url_has_allowed_host_and_scheme(
                referer, allowed_hosts={request.get_host()}, require_https=request.is_secure()
            )
            and not referer.endswith(request.get_full_path())
        ):
            return referer
        return ""

    return {"back_url": url}
