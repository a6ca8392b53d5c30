"""Who may manage, answer and read a survey's results. Views and services ask these only.

- PMO officers manage surveys (create, edit, open, close, import).
- Staff surveys are answered by Secretariat staff (people with an organisation unit); mission
  surveys by current members of the member-state working group.
- Full results (breakdowns, comments, exports) go to those who act on them: PMO, the CITO,
  current members of a decision body (executive and steering committees), OICT budget
  reviewers and local ICT chiefs (para 46: service quality of their units), once the survey
  is closed.
- Every signed-in person sees the topic-level results of a closed survey: staff were asked,
  they may see the answer. Groups under the minimum size are hidden from everyone.
- Nobody sees the results or comments of an open survey, the PMO and the CITO included:
  reading them before and after one person answers would tell that person's answers
  (``survey/ANONYMITY.md``). While it is open, its number of answers is shown coarsely
  (rounded down to a multiple of ``COUNT_STEP``, by ``selectors.survey_list``).
"""

from governance import rights, roles
from governance.choices import Rights
from governance.models import Membership

from .choices import Audience, SurveyStatus

MEMBER_STATE_GROUP = "ms-working-group"


def can_manage_surveys(user):
    return roles.is_pmo(user)


def can_see_survey(user, survey):
    """Drafts exist only for their managers; other surveys are visible to everyone signed in."""
    if not user.is_authenticated:
        return False
    return survey.status != SurveyStatus.DRAFT or can_manage_surveys(user)


def is_in_audience(user, survey):
    if not user.is_authenticated:
        return False
    if survey.audience == Audience.MISSIONS:
        return (
            Membership.objects.current().filter(user=user, body__code=MEMBER_STATE_GROUP).exists()
        )
    return user.organisation_unit_id is not None


#: While a survey is open its number of answers is rounded down to a multiple of this.
COUNT_STEP = 10


def _reads_results(user):
    cache = getattr(user, "_survey_results_reader", None)
    if cache is None:
        cache = (
            roles.is_pmo(user)
            or roles.is_cito(user)
            or roles.is_budget_reviewer(user)
            or roles.has_role(user, roles.ICT_CHIEFS)
            or rights.holds_seat(user, rights=Rights.DECISION)
        )
        user._survey_results_reader = cache
    return cache


def can_see_detailed_results(user, survey):
    """Breakdowns by respondent group, comments and exports, once the survey is closed."""
    if not can_see_survey(user, survey) or survey.status != SurveyStatus.CLOSED:
        return False
    return _reads_results(user)


def can_see_topic_results(user, survey):
    """Topic-level satisfaction, for everyone signed in, once the survey is closed."""
    return can_see_survey(user, survey) and survey.status == SurveyStatus.CLOSED
