"""Forms of the administration area. They check the shape of the input; the services decide
(and re-check) everything, and their refusals come back on the form beside what was typed."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.translations import localized

from .. import roles
from ..choices import MembershipRole
from ..models import Body, OrganisationUnit, User, time_zones
from . import services

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def active_users():
    return User.objects.filter(is_active=True).order_by("display_name", "username")


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return f"{user} ({user.username})" if str(user) != user.username else user.username


class BodyForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = services.BODY_FIELDS
        widgets = {
            **{name: forms.Textarea(attrs={"rows": 3}) for name in localized("composition")},
            **{name: forms.Textarea(attrs={"rows": 4}) for name in localized("mandate")},
        }


class BodyCreateForm(forms.ModelForm):
    class Meta:
        model = Body
        fields = ("code", "name_en", "kind", "rights", "programme", "cadence", "mandate_en")
        widgets = {"mandate_en": forms.Textarea(attrs={"rows": 3})}


class AppointForm(forms.Form):
    user = UserChoiceField(label=_("Person"), queryset=None)
    role = forms.ChoiceField(label=_("Role"), choices=MembershipRole.choices)
    votes = forms.TypedChoiceField(
        label=_("Votes on the body's decisions"),
        choices=[
            ("", _("By the role (secretaries and observers do not)")),
            ("yes", _("Yes")),
            ("no", _("No")),
        ],
        required=False,
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
    )
    start = forms.DateField(
        label=_("First day"), required=False, widget=DATE_INPUT, help_text=_("Today if empty.")
    )
    end = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Empty for an open-ended membership."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = active_users()


class EndMembershipForm(forms.Form):
    last_day = forms.DateField(
        label=_("Last day"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Empty: the membership ends now, with immediate effect."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class ReplaceMembershipForm(forms.Form):
    user = UserChoiceField(label=_("New member"), queryset=None)
    on = forms.DateField(
        label=_("From"), required=False, widget=DATE_INPUT, help_text=_("Today if empty.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = active_users()


class ChangeRoleForm(forms.Form):
    role = forms.ChoiceField(label=_("New role"), choices=MembershipRole.choices)
    votes = AppointForm.base_fields["votes"]
    on = forms.DateField(
        label=_("From"), required=False, widget=DATE_INPUT, help_text=_("Today if empty.")
    )
    holder_stays = forms.BooleanField(
        label=_("The current chair or vice-chair stays on as a voting member"),
        required=False,
        initial=True,
    )


class UnitForm(forms.ModelForm):
    chief = UserChoiceField(label=_("Chief of the ICT unit"), queryset=None, required=False)

    class Meta:
        model = OrganisationUnit
        fields = ("code", *localized("name"), "kind", "parent", "duty_station", "chief")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["chief"].queryset = active_users()
        self.fields["parent"].queryset = OrganisationUnit.objects.order_by("name")
        if self.instance.pk:
            self.fields["code"].disabled = True


def time_zone_choices():
    return [("", _("UTC (default)"))] + [(name, name) for name in sorted(time_zones())]


ROLE_CHOICES = [(name, label) for name, label in roles.ROLE_LABELS.items()]


class UserForm(forms.ModelForm):
    roles_held = forms.MultipleChoiceField(
        label=_("Roles"),
        choices=ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Seats on governance bodies are given on each body's page, not here."),
    )
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices, required=False)
    password = forms.CharField(
        label=_("Password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Leave empty to keep it (a new account without one cannot sign in yet)."),
    )

    class Meta:
        model = User
        fields = (
            "username",
            "display_name",
            "first_name",
            "last_name",
            "email",
            "organisation_unit",
            "duty_station",
            "preferred_language",
            "time_zone",
            "is_staff",
        )
        labels = {"is_staff": _("May use the Django admin (/admin/)")}
        help_texts = {"is_staff": _("What they may do there follows their roles.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = [("", _("Browser's language"))] + list(
            settings.LANGUAGES
        )
        self.fields["organisation_unit"].queryset = OrganisationUnit.objects.order_by("name")
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.fields["username"].help_text = ""
            self.initial.setdefault("roles_held", sorted(roles.managed_roles(self.instance)))

    def service_values(self):
        data = dict(self.cleaned_data)
        data.pop("username", None)
        return {
            "roles_held": data.pop("roles_held", []),
            "password": data.pop("password", ""),
            **{name: value for name, value in data.items() if name in services.USER_FIELDS},
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)
