from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from governance import notification_views
from governance import views as governance_views

admin.site.site_header = _("ICT governance portal administration")
admin.site.site_title = _("ICT governance portal")

urlpatterns = [
    path("", governance_views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("accounts/profile/", governance_views.profile, name="profile"),
    path("accounts/tokens/", include("governance.apitokens.urls")),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/read/", notification_views.notification_mark_read, name="notifications_read"
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("governance/", include("governance.urls")),
    path("programmes/", include("programmes.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("survey/", include("survey.urls")),
    path("staffing/", include("staffing.urls")),
    path("budgets/", include("portfolio.budgets.urls")),
    path("reports/", include("portfolio.reports.urls")),
    path("api/v1/", include("config.api_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
