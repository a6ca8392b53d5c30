"""Forms of the KPI and implementation-plan pages. They only collect input: the rules (ranges,
periods, transitions, evidence before done) live in ``programmes.services``, whose refusals the
views put back on the form, keeping what was typed."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core import clock
from core.registry import kpi_sources

from .choices import MANUAL_SOURCE, OwnerKind, PlanPhase, PlanStatus
from .models import Kpi, PriorityArea, Programme
from .periods import recent
from .policy import policy

#: periods offered in the measurement form, newest first
PERIODS_OFFERED = 8


class MeasurementForm(forms.Form):
    period = forms.ChoiceField(label=_("Period"))
    # Text, not a number field: the service says what is wrong with the value, in one place.
    value = forms.CharField(label=_("Value"), max_length=40)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, kpi, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpi = kpi
        periods = recent(kpi.frequency, clock.today(), PERIODS_OFFERED)
        self.fields["period"].choices = [(p.label, p.label) for p in periods]
        self.fields["period"].initial = periods[1].label if len(periods) > 1 else periods[0].label
        unit = f" ({kpi.symbol})" if kpi.symbol else ""
        self.fields["value"].label = _("Value%(unit)s") % {"unit": unit}
        self.fields["value"].help_text = _("Valid values: %(range)s.") % {"range": kpi.range_text()}
        self.fields["value"].widget.attrs["inputmode"] = "decimal"


class PlanItemUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=PlanStatus.choices)
    note = forms.CharField(
        label=_("Progress note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    completed_on = forms.DateField(
        label=_("Completed on"),
        required=False,
        help_text=_("When it is done; today if left empty."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


class PlanEvidenceForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=300)
    url = forms.CharField(
        label=_("Address"),
        max_length=500,
        help_text=_("A page of the portal (/governance/decisions/12/) or a web address."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PlanFilterForm(forms.Form):
    phase = forms.ChoiceField(
        label=_("Phase"), required=False, choices=[("", _("All"))] + PlanPhase.choices
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + PlanStatus.choices
    )
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)


class KpiFilterForm(forms.Form):
    owner_kind = forms.ChoiceField(
        label=_("Owner"), required=False, choices=[("", _("All"))] + OwnerKind.choices
    )
    programme = forms.ChoiceField(label=_("Programme"), required=False)
    q = forms.CharField(label=_("Name contains"), required=False, max_length=100)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("All"))] + list(
            Programme.objects.order_by("order").values_list("code", "name")
        )


class KpiForm(forms.ModelForm):
    """Define or change a KPI (OICT). The owner unit and source are offered from what
    governance and the apps registered."""

    owner_unit = forms.ChoiceField(label=_("ICT unit"), required=False)
    source = forms.ChoiceField(label=_("Source"))
    source_params = forms.JSONField(
        label=_("Source parameters"),
        required=False,
        initial=dict,
        help_text=_('e.g. {"topic": "service-desk"}; {} for none.'),
    )

    class Meta:
        model = Kpi
        fields = [
            "code",
            "indicator",
            "name",
            "name_zh",
            "definition",
            "definition_zh",
            "measure_unit",
            "direction",
            "target",
            "threshold",
            "minimum",
            "maximum",
            "owner_kind",
            "programme",
            "owner_unit",
            "priority_area",
            "frequency",
            "source",
            "source_params",
            "active",
            "order",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 3}),
            "definition_zh": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].choices = [("", "—")] + sorted(
            policy().unit_names().items(), key=lambda item: item[1]
        )
        self.fields["source"].choices = [(MANUAL_SOURCE, _("Entered by hand"))] + [
            (source.key, source.label) for source in kpi_sources
        ]
        self.fields["programme"].queryset = Programme.objects.order_by("order")
        self.fields["priority_area"].queryset = PriorityArea.objects.order_by("order")
        if self.instance.pk:
            self.fields["code"].disabled = True

    def clean_source_params(self):
        return self.cleaned_data.get("source_params") or {}

    def _post_clean(self):
        # The service validates the whole KPI (full_clean included) when it saves.
        pass
