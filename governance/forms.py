from django import forms

from .models import User


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "email", "preferred_language", "duty_station"]


# --------------------------------------------------------------------------- meetings and votes
from django.utils.translation import gettext_lazy as _  # noqa: E402

from .choices import AgendaItemKind, MotionTopic, Outcome, Stance, VoteChoice  # noqa: E402


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    topic = forms.ChoiceField(label=_("Topic"), choices=MotionTopic.choices)
    text = forms.CharField(label=_("Text of the motion"), widget=forms.Textarea(attrs={"rows": 4}))


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=250)
    starts_at = forms.DateTimeField(
        label=_("Starts at"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)


class WrittenProcedureForm(forms.Form):
    motion = forms.ModelChoiceField(label=_("Motion put to the vote"), queryset=None)
    deadline = forms.DateTimeField(
        label=_("Votes until"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    def __init__(self, *args, motions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motion"].queryset = motions


class AgendaItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of item"), choices=AgendaItemKind.choices)
    motion = forms.ModelChoiceField(
        label=_("Motion (for an item for decision)"), queryset=None, required=False
    )
    title = forms.CharField(
        label=_("Title"),
        max_length=250,
        required=False,
        help_text=_("For a decision item, the subject's name is used if left empty."),
    )
    notes = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, motions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["motion"].queryset = motions


class AttendanceForm(forms.Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Present"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, members, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = members
        self.fields["attendees"].label_from_instance = lambda user: str(user)


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )


class RecusalForm(forms.Form):
    reason = forms.CharField(label=_("Conflict of interest"), max_length=500, required=False)


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Outcome.choices)
    rank = forms.IntegerField(label=_("Rank (for a prioritisation)"), min_value=1, required=False)
    rationale = forms.CharField(
        label=_("Rationale"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    supersedes = forms.TypedChoiceField(
        label=_("Supersedes the earlier decision"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, earlier, **kwargs):
        """``earlier``: the decisions in force on the subject (already read), or a queryset."""
        super().__init__(*args, **kwargs)
        self._earlier = {decision.pk: decision for decision in earlier}
        self.fields["supersedes"].choices = [("", "---------")] + [
            (pk, str(decision)) for pk, decision in self._earlier.items()
        ]

    def clean_supersedes(self):
        pk = self.cleaned_data.get("supersedes")
        return self._earlier.get(pk) if pk else None


class OpinionForm(forms.Form):
    stance = forms.ChoiceField(label=_("Stance"), choices=Stance.choices)
    text = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}))
