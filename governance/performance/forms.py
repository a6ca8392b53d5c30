"""Forms of the service catalogue's pages (the PMO and the CITO keep it). They collect input;
the rights, the audit record and the one-KPI-per-service-level rule are in ``services``."""

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programmes.models import Kpi

from .models import Service, ServiceLevel, ServiceLevelKind
from .units import ict_units

#: codes the catalogue's addresses use (services/new/)
RESERVED_CODES = frozenset({"new"})


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = [
            "code",
            "name",
            "description",
            "owner_unit",
            "serves_all_units",
            "units_served",
            "programme",
            "survey_topic",
            "source",
            "order",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The code names the service in addresses and the API: it stays.
            self.fields["code"].disabled = True
        self.fields["units_served"].queryset = ict_units()
        self.fields["units_served"].widget = forms.CheckboxSelectMultiple()
        self.fields["units_served"].widget.choices = self.fields["units_served"].choices

    def clean_code(self):
        code = self.cleaned_data["code"]
        if code in RESERVED_CODES:
            raise forms.ValidationError(
                _("“%(code)s” names a page of the catalogue; choose another code."),
                params={"code": code},
            )
        return code


class ServiceLevelForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ServiceLevelKind.choices)
    kpi = forms.ModelChoiceField(
        label=_("KPI"),
        queryset=Kpi.objects.filter(active=True).order_by("name"),
        help_text=_("The KPI whose values measure this service level."),
    )
    order = forms.IntegerField(
        label=pgettext_lazy("position in a list", "Order"), min_value=0, max_value=32767, initial=0
    )

    def __init__(self, *args, level: ServiceLevel | None = None, **kwargs):
        if level is not None:
            kwargs.setdefault(
                "initial", {"kind": level.kind, "kpi": level.kpi_id, "order": level.order}
            )
        super().__init__(*args, **kwargs)
