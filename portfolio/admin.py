"""Admin for every portfolio model. States never change here except through the services:
admin actions call them, and a refused transition is reported with nothing changed."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from governance.admin import ServiceRefusalsMixin
from governance.rights import RightsError

from . import assets, services
from .choices import TRANSITIONS_BY_ACTION
from .models import (
    Asset,
    BenefitLine,
    BusinessCase,
    CostLine,
    CriterionWeight,
    FundingSource,
    Phase,
    PmoReview,
    Project,
    ProjectAsset,
    ProjectTransition,
    ResourceEnvelope,
    Risk,
    Score,
    StatusReport,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For records that must not change: audit, reviews, frozen versions, scores."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _transition_action(action):
    t = TRANSITIONS_BY_ACTION[action]

    def run(modeladmin, request, queryset):
        done = 0
        for project in queryset:
            try:
                services.project_transition(
                    project=project,
                    action=action,
                    actor=request.user,
                    reason=str(_("From the administration site.")),
                )
                done += 1
            except services.PortfolioError as error:
                modeladmin.message_user(
                    request, f"{project.reference}: {' '.join(error.messages)}", messages.ERROR
                )
        if done:
            modeladmin.message_user(
                request,
                _("%(n)s project(s): %(action)s.") % {"n": done, "action": t.label},
                messages.SUCCESS,
            )

    run.__name__ = f"action_{action}"
    run.short_description = t.label
    return run


class TransitionInline(ReadOnlyInline):
    model = ProjectTransition
    fields = ("at", "action", "from_state", "to_state", "actor", "reason", "business_case")
    readonly_fields = fields


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ("reference", "title", "programme", "state", "total_cost", "proponent")
    list_filter = ("state", "programme")
    search_fields = ("title", "summary")
    # What the business case and the transitions own is read-only here.
    readonly_fields = (
        "state",
        "total_cost",
        "priority_rank",
        "programme",
        "initiative",
        "sponsoring_unit",
        "spans_programmes",
        "proponent",
        "lessons_learned",
        "created_at",
        "updated_at",
    )
    raw_id_fields = ("project_manager",)
    inlines = [TransitionInline]
    actions = [
        _transition_action(name)
        for name in ("submit", "cito_endorse", "refer_to_steering_committee", "start_delivery")
    ]

    def has_add_permission(self, request):
        # Proposals start in the proposal form (project_create), with their first version.
        return False

    def has_change_permission(self, request, obj=None):
        # The business case (with its version check) and the transitions own every field:
        # the admin shows a project and moves it with the actions above.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class CostInline(ReadOnlyInline):
    model = CostLine
    fields = readonly_fields = ("year", "kind", "category", "amount")


class BenefitInline(ReadOnlyInline):
    model = BenefitLine
    fields = readonly_fields = ("year", "description", "amount")


class RiskInline(ReadOnlyInline):
    model = Risk
    fields = readonly_fields = ("description", "likelihood", "impact", "mitigation")


class FundingInline(ReadOnlyInline):
    model = FundingSource
    fields = readonly_fields = ("source", "amount")


@admin.register(BusinessCase)
class BusinessCaseAdmin(ReadOnlyAdmin):
    """Versions are edited through the proposal form (with its concurrency check) and frozen
    on submission, so the admin only shows them."""

    list_display = ("project", "number", "frozen_at", "created_by")
    list_filter = ("frozen_at",)
    inlines = [CostInline, BenefitInline, RiskInline, FundingInline]


for model in (CostLine, BenefitLine, Risk, FundingSource):
    admin.site.register(model, ReadOnlyAdmin)


@admin.register(ProjectTransition)
class ProjectTransitionAdmin(ReadOnlyAdmin):
    list_display = ("project", "action", "from_state", "to_state", "actor", "at")
    list_filter = ("to_state", "action")


@admin.register(PmoReview)
class PmoReviewAdmin(ReadOnlyAdmin):
    list_display = ("project", "business_case", "outcome", "reviewer", "created_at")
    list_filter = ("outcome",)


@admin.register(Score)
class ScoreAdmin(ReadOnlyAdmin):
    list_display = ("project", "body", "member", "criterion", "value")


@admin.register(CriterionWeight)
class CriterionWeightAdmin(ServiceRefusalsMixin, admin.ModelAdmin):
    """A committee's weights change through ``criterion_weights_set`` (its chair or the PMO)."""

    list_display = ("body", "criterion", "weight")
    list_filter = ("body",)

    def get_readonly_fields(self, request, obj=None):
        return ("body", "criterion") if obj else ()

    def save_model(self, request, obj, form, change):
        weights = services.criterion_weights(obj.body)
        weights[obj.criterion] = obj.weight
        services.criterion_weights_set(body=obj.body, actor=request.user, weights=weights)
        saved = CriterionWeight.objects.get(body=obj.body, criterion=obj.criterion)
        obj.pk = saved.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ResourceEnvelope)
class ResourceEnvelopeAdmin(ServiceRefusalsMixin, admin.ModelAdmin):
    """The PMO proposes an envelope (``envelope_propose``); only an Executive Committee
    decision sets it, so a proposal is never edited here."""

    list_display = ("programme", "year", "amount", "state")
    list_filter = ("state", "programme")
    readonly_fields = ("state", "decision_id", "created_at")

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        created = services.envelope_propose(
            programme=obj.programme, year=obj.year, amount=obj.amount, actor=request.user
        )
        obj.pk = created.pk
        obj._state.adding = False


@admin.register(Phase)
class PhaseAdmin(ReadOnlyAdmin):
    """Phases are planned on the project's page (``phase_add``)."""

    list_display = ("project", "order", "name", "start", "end")


@admin.register(StatusReport)
class StatusReportAdmin(ReadOnlyAdmin):
    list_display = ("project", "period", "schedule", "budget", "scope", "percent_complete")
    list_filter = ("schedule", "budget", "scope")


class ProjectAssetInline(ReadOnlyInline):
    model = ProjectAsset
    fields = readonly_fields = ("project", "relation")


@admin.register(Asset)
class AssetAdmin(ServiceRefusalsMixin, admin.ModelAdmin):
    """The inventory changes through ``portfolio.assets`` (its audit entries): additions and
    edits here call ``asset_create`` and ``asset_update``, retiring is an action."""

    list_display = (
        "code",
        "name",
        "kind",
        "owner_unit",
        "programme",
        "lifecycle",
        "annual_running_cost",
    )
    list_filter = ("kind", "lifecycle", "programme")
    search_fields = ("name", "code")
    inlines = [ProjectAssetInline]
    actions = ["retire"]

    def get_readonly_fields(self, request, obj=None):
        return ("code", "retired_on") if obj else ("retired_on",)

    def save_model(self, request, obj, form, change):
        values = {n: form.cleaned_data[n] for n in assets.ASSET_FIELDS if n in form.cleaned_data}
        if change:
            changed = {n: v for n, v in values.items() if n in form.changed_data}
            if changed:
                assets.asset_update(asset=obj, actor=request.user, **changed)
            return
        created = assets.asset_create(actor=request.user, code=form.cleaned_data["code"], **values)
        obj.pk = created.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Retire the selected assets"))
    def retire(self, request, queryset):
        for asset in queryset:
            try:
                assets.asset_retire(
                    asset=asset, actor=request.user, reason=str(_("Retired in the Django admin."))
                )
            except (ValidationError, RightsError) as error:
                text = str(error) if isinstance(error, RightsError) else " ".join(error.messages)
                self.message_user(request, f"{asset}: {text}", messages.ERROR)


@admin.register(ProjectAsset)
class ProjectAssetAdmin(ServiceRefusalsMixin, admin.ModelAdmin):
    list_display = ("project", "relation", "asset")
    list_filter = ("relation",)
    raw_id_fields = ("project",)

    def get_readonly_fields(self, request, obj=None):
        return ("project", "asset") if obj else ()

    def save_model(self, request, obj, form, change):
        if change and "relation" not in form.changed_data:
            return
        link = assets.asset_link(
            asset=obj.asset, project=obj.project, relation=obj.relation, actor=request.user
        )
        obj.pk = link.pk
        obj._state.adding = False

    def has_delete_permission(self, request, obj=None):
        return False
