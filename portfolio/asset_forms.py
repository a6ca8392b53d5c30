"""Forms of the ICT asset inventory pages: shape only, the services in ``assets`` decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import OrganisationUnit
from programmes.models import Programme

from .choices import AssetKind, AssetLifecycle, AssetRelation
from .models import Asset, Project

LIVE_LIFECYCLES = [(k, v) for k, v in AssetLifecycle.choices if k != AssetLifecycle.RETIRED]


class AssetForm(forms.ModelForm):
    lifecycle = forms.ChoiceField(label=_("Lifecycle status"), choices=LIVE_LIFECYCLES)

    class Meta:
        model = Asset
        fields = (
            "code",
            "name",
            "kind",
            "owner_unit",
            "programme",
            "lifecycle",
            "annual_running_cost",
            "description",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = OrganisationUnit.objects.order_by("name")
        self.fields["programme"].queryset = Programme.objects.order_by("order")
        if self.instance.pk:
            self.fields["code"].disabled = True


class RetireForm(forms.Form):
    reason = forms.CharField(label=_("Why is it retired?"), max_length=500)
    retired_on = forms.DateField(
        label=_("Retired on"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Today if empty."),
    )


class LinkForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none())
    relation = forms.ChoiceField(label=_("The project"), choices=AssetRelation.choices)

    def __init__(self, *args, projects, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = projects.order_by("pk")


class AssetFilterForm(forms.Form):
    q = forms.CharField(label=_("Name or code"), required=False, max_length=100)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any"))] + list(AssetKind.choices), required=False
    )
    lifecycle = forms.ChoiceField(
        label=_("Lifecycle status"),
        choices=[("", _("Any"))] + list(AssetLifecycle.choices),
        required=False,
    )
    programme = forms.ModelChoiceField(
        label=_("Programme"),
        queryset=Programme.objects.order_by("order"),
        to_field_name="code",
        required=False,
        empty_label=_("Any"),
    )


class AssetImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: code, name, kind, owner_unit (unit code), programme (code); optional "
            "lifecycle, annual_running_cost, description. A row whose code exists updates "
            "that asset."
        ),
    )
