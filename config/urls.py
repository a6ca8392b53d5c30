from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from governance import notification_views
from governance import views as governance_views
from governance.forms import PasswordResetByTaskForm

admin.site.site_header = _("ICT governance portal administration")
admin.site.site_title = _("ICT governance portal")

urlpatterns = [
    path("", governance_views.home, name="home"),
    path("search/", governance_views.search, name="search"),
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
    path(
        "accounts/password/reset/",
        auth_views.PasswordResetView.as_view(form_class=PasswordResetByTaskForm),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("accounts/profile/", governance_views.profile, name="profile"),
    path("accounts/tokens/", include("governance.apitokens.urls")),
    path("notifications/", notification_views.notification_list, name="notifications"),
    path(
        "notifications/read/", notification_views.notification_mark_read, name="notifications_read"
    ),
    path("i18n/setlang/", governance_views.set_language, name="set_language"),
    path("governance/", include("governance.urls")),
    path("record/", include("ledger.urls")),
    path("administration/", include("governance.administration.urls")),
    path("programmes/", include("programmes.urls")),
    path("performance/", include("governance.performance.urls")),
    path("portfolio/", include("portfolio.urls")),
    path("survey/", include("survey.urls")),
    path("staffing/", include("staffing.urls")),
    path("budgets/", include("portfolio.budgets.urls")),
    path("reports/", include("portfolio.reports.urls")),
    path("planning/", include("planning.urls")),
    path("transparency/", include("transparency.urls")),
    path("api/v1/", include("config.api_urls")),
    path("admin/", admin.site.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Under /api/ an unrouted path gets the API's JSON error body; elsewhere Django's page.
handler404 = "core.api.views.page_not_found"
