from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.utils.translation import gettext_lazy as _

from .models import User


class ProfileForm(forms.ModelForm):
    """A person's details. Changing the e-mail address (where password reset links go) asks
    for the current password, unless the person signed in a few minutes ago."""

    current_password = forms.CharField(
        label=_("Current password"),
        required=False,
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("Needed to change your e-mail address."),
    )

    class Meta:
        model = User
        fields = ["display_name", "email", "preferred_language", "duty_station"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.request = request

    def clean(self):
        cleaned = super().clean()
        if "email" in self.changed_data and self.request is not None:
            reauthenticate(self, self.request, cleaned.get("current_password"))
        return cleaned


def reauthenticate(form, request, password):
    """Check ``password`` as the signed-in person's (through ``authenticate``, so django-axes
    counts a wrong one), unless they typed it in the last minutes; a form error otherwise."""
    from django.contrib.auth import authenticate

    from core.security import mark_authenticated, recently_authenticated

    if recently_authenticated(request):
        return True
    if not password:
        form.add_error("current_password", _("Type your current password to confirm."))
        return False
    user = authenticate(request, username=request.user.get_username(), password=password)
    if user is None or user.pk != request.user.pk:
        form.add_error("current_password", _("This is not your current password."))
        return False
    mark_authenticated(request)
    return True


class PasswordResetByTaskForm(PasswordResetForm):
    """Django's reset form, the e-mail sent by a Celery task: the page answers at once and the
    same whether or not the address belongs to an account (no user enumeration)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        from django.template import loader
        from django.utils import translation

        from core.jobs import enqueue

        from .tasks import send_email

        # In the language of the person the link is for, not of whoever asked for it.
        user = context.get("user")
        with translation.override(getattr(user, "language", None) or translation.get_language()):
            subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
            body = loader.render_to_string(email_template_name, context)
            html_body = (
                loader.render_to_string(html_email_template_name, context)
                if html_email_template_name
                else None
            )
        enqueue(send_email, args=[subject, body, [to_email], html_body])


# --------------------------------------------------------------------------- meetings and votes
from django.utils.translation import gettext_lazy as _  # noqa: E402

from . import tally as tally_rules  # noqa: E402
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
        label=_("Rationale"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Needed to defer or to return for more information."),
    )
    supersedes = forms.TypedChoiceField(
        label=_("Supersedes the earlier decision"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, *args, earlier, outcomes=None, rule=None, tally=None, **kwargs):
        """``earlier``: the decisions in force on the subject (already read), or a queryset.
        ``outcomes``: the subject's possible outcomes; with the body's ``rule`` and the
        ``tally``, the one the tally gives comes first and is the one chosen (never one the
        tally contradicts)."""
        super().__init__(*args, **kwargs)
        self._earlier = {decision.pk: decision for decision in earlier}
        self.fields["supersedes"].choices = [("", "---------")] + [
            (pk, str(decision)) for pk, decision in self._earlier.items()
        ]
        if outcomes is not None:
            if rule is not None and tally is not None:
                ordered = tally_rules.ordered_outcomes(rule, tally, list(outcomes))
                self.fields["outcome"].initial = tally_rules.suggested_outcome(
                    rule, tally, list(outcomes)
                )
            else:
                ordered = list(outcomes)
            self.fields["outcome"].choices = [(o, Outcome(o).label) for o in ordered]

    def clean_supersedes(self):
        pk = self.cleaned_data.get("supersedes")
        return self._earlier.get(pk) if pk else None


class OpinionForm(forms.Form):
    stance = forms.ChoiceField(label=_("Stance"), choices=Stance.choices)
    text = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}))

    @staticmethod
    def typed_key(subject):
        """Where a refused opinion's typed input waits in the session for the subject's page."""
        from django.contrib.contenttypes.models import ContentType

        return f"typed-opinion:{ContentType.objects.get_for_model(subject).pk}:{subject.pk}"
