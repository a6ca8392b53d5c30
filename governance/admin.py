from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _
from guardian.admin import GuardedModelAdmin

from .models import Body, Membership, OrganisationUnit, User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "display_name", "organisation_unit", "duty_station", "is_active"]
    list_select_related = ["organisation_unit"]
    list_filter = ["is_active", "is_staff", "groups", "organisation_unit"]
    search_fields = ["username", "display_name", "email"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            _("Organisation"),
            {"fields": ["display_name", "preferred_language", "duty_station", "organisation_unit"]},
        ),
    )


@admin.register(OrganisationUnit)
class OrganisationUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "chief", "annex_iv_row"]
    list_select_related = ["parent", "chief"]
    list_filter = ["kind"]
    search_fields = ["name", "name_zh", "code"]
    autocomplete_fields = ["parent", "chief"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Body)
class BodyAdmin(GuardedModelAdmin):
    list_display = ["name", "kind", "rights", "programme", "cadence"]
    list_select_related = ["programme"]
    list_filter = ["rights", "kind"]
    search_fields = ["name", "name_zh", "code"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "body", "role", "votes", "start", "end"]
    list_select_related = ["user", "body"]
    list_filter = ["body", "role", "votes"]
    search_fields = ["user__username", "user__display_name", "body__name"]
    autocomplete_fields = ["user"]
