import datetime

from django import forms
from django.utils.translation import gettext_lazy as _


class AsOfForm(forms.Form):
    as_of = forms.DateField(
        label=_("As of"),
        initial=datetime.date(2007, 12, 31),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
