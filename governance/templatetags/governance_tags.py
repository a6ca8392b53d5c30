"""``{% subject_governance subject %}``: the opinions and decisions on any decidable subject,
with the opinion form for those who may give one. Portfolio pages include it beside a project.
"""

from django import template
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from governance import rights, selectors
from governance.forms import OpinionForm

register = template.Library()


@register.inclusion_tag("governance/includes/subject_governance.html", takes_context=True)
def subject_governance(context, subject, heading_level=2):
    request = context["request"]
    user = request.user
    access = rights.subject_record_access(user, subject)
    visible = access is not None
    may_give = visible and rights.can_give_opinion(user, subject)
    content_type = ContentType.objects.get_for_model(subject)
    return {
        "subject": subject,
        "visible": visible,
        "redacted": access == rights.REDACTED,
        "opinions": list(selectors.opinions_for(subject)) if visible else [],
        "decisions": list(selectors.decisions_for(subject)) if visible else [],
        "deciding_body": rights.deciding_body(subject) if visible else None,
        "opinion_form": _opinion_form(request, subject) if may_give else None,
        "opinion_url": reverse("governance:opinion_give", args=[content_type.pk, subject.pk]),
        "next": request.get_full_path(),
        "csrf_token": context.get("csrf_token"),
        "h": heading_level,
    }


def _opinion_form(request, subject):
    """An empty opinion form, or the one just refused as it was typed (its errors are the
    page's messages)."""
    session = getattr(request, "session", None)
    typed = session.pop(OpinionForm.typed_key(subject), None) if session is not None else None
    return OpinionForm(initial=typed) if typed else OpinionForm()
