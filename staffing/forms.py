import datetime

from django import forms
from django.utils.translation import gettext_lazy as _

from .choices import CATEGORIES, CATEGORY_LABELS


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        label=_("As of"),
        initial=datetime.date(2007, 12, 31),
        widget=forms.DateInput(attrs={"type": "date"}),
    )


def _count_field(label):
    return forms.IntegerField(label=label, min_value=0, initial=0)


class _CountsForm(forms.Form):
    unit = forms.ModelChoiceField(label=_("Unit"), queryset=None)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        for name in CATEGORIES:
            self.fields[name] = _count_field(CATEGORY_LABELS[name])

    def counts(self):
        return {name: self.cleaned_data[name] for name in CATEGORIES}


class SnapshotForm(_CountsForm):
    as_of = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))
    field_order = ["unit", "as_of"]


class PlanForm(_CountsForm):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    field_order = ["unit", "year"]


class YearForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)


class SnapshotImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or XLSX file"),
        help_text=_(
            "Columns: unit, as_of (YYYY-MM-DD), d, p, fs, gs, local, unv, icc, contractors."
        ),
    )
