"""The ICT asset inventory pages: list, add, edit, link to projects, retire, import, export.

Everyone signed in reads the inventory; the PMO keeps it (``permissions.can_manage_assets``).
Writes go through ``portfolio.assets``; a refusal is a 403, bad input stays on the form.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.exports import csv_response
from core.forms import add_service_error
from core.imports import preview_or_import
from core.tables import table_page
from governance.rights import RightsError

from . import assets as services
from . import permissions, selectors
from .asset_forms import AssetFilterForm, AssetForm, AssetImportForm, LinkForm, RetireForm
from .models import ProjectAsset
from .tables import AssetTable


def _manager_only(request):
    if not permissions.can_manage_assets(request.user):
        raise PermissionDenied(_("Only the PMO keeps the ICT asset inventory."))


def _call(form, service, **kwargs):
    try:
        return service(**kwargs)
    except ValidationError as error:
        add_service_error(form, error)
    except RightsError as error:
        raise PermissionDenied(str(error)) from error
    return None


@login_required
def asset_list(request):
    filters = AssetFilterForm(request.GET or None)
    values = filters.cleaned_data if filters.is_valid() else {}
    assets = selectors.assets_visible_to(
        request.user,
        query=values.get("q", ""),
        kind=values.get("kind", ""),
        lifecycle=values.get("lifecycle", ""),
        programme=values["programme"].code if values.get("programme") else "",
    )
    return table_page(
        request,
        "portfolio/assets.html",
        AssetTable(assets),
        {"filters": filters, "can_manage": permissions.can_manage_assets(request.user)},
    )


@login_required
def asset_new(request):
    _manager_only(request)
    form = AssetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        values = dict(form.cleaned_data)
        asset = _call(form, services.asset_create, actor=request.user, **values)
        if asset is not None:
            messages.success(request, _("%(asset)s is in the inventory.") % {"asset": asset})
            return redirect(asset.get_absolute_url())
    return render(
        request,
        "portfolio/asset_form.html",
        {"form": form, "asset": None},
        status=400 if form.errors else 200,
    )


@login_required
def asset_detail(request, pk):
    asset = selectors.asset_for(request.user, pk)
    can_manage = permissions.can_manage_assets(request.user)
    form = link_form = None
    status = 200
    if can_manage and not asset.is_retired:
        form = AssetForm(instance=selectors.asset_for(request.user, pk))
        link_form = LinkForm(projects=selectors.projects_visible_to(request.user))
        if request.method == "POST" and "save" in request.POST:
            form = AssetForm(request.POST, instance=selectors.asset_for(request.user, pk))
            if form.is_valid():
                values = {n: form.cleaned_data[n] for n in form.changed_data if n != "code"}
                if _call(form, services.asset_update, asset=asset, actor=request.user, **values):
                    messages.success(request, _("%(asset)s is saved.") % {"asset": asset})
                    return redirect(asset.get_absolute_url())
            status = 400
        elif request.method == "POST" and "link" in request.POST:
            link_form = LinkForm(request.POST, projects=selectors.projects_visible_to(request.user))
            if link_form.is_valid():
                if _call(
                    link_form,
                    services.asset_link,
                    asset=asset,
                    actor=request.user,
                    **link_form.cleaned_data,
                ):
                    messages.success(request, _("The project is linked."))
                    return redirect(asset.get_absolute_url())
            status = 400
    elif request.method == "POST":
        _manager_only(request)
        raise PermissionDenied(_("A retired asset is kept as it was retired."))
    return render(
        request,
        "portfolio/asset_form.html",
        {"form": form, "link_form": link_form, "asset": asset, "can_manage": can_manage},
        status=status,
    )


@login_required
@require_POST
def asset_unlink(request, pk, link_pk):
    _manager_only(request)
    link = get_object_or_404(
        ProjectAsset.objects.select_related("asset", "project"), pk=link_pk, asset_id=pk
    )
    try:
        services.asset_unlink(link=link, actor=request.user)
    except RightsError as error:
        raise PermissionDenied(str(error)) from error
    messages.success(request, _("The link to %(project)s is removed.") % {"project": link.project})
    return redirect(link.asset.get_absolute_url())


@login_required
def asset_retire(request, pk):
    _manager_only(request)
    asset = selectors.asset_for(request.user, pk)
    form = RetireForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _call(form, services.asset_retire, asset=asset, actor=request.user, **form.cleaned_data):
            messages.success(request, _("%(asset)s is retired.") % {"asset": asset})
            return redirect(asset.get_absolute_url())
    return render(
        request,
        "portfolio/asset_retire.html",
        {"form": form, "asset": asset},
        status=400 if form.errors else 200,
    )


@login_required
def asset_import(request):
    """Upload, preview (a dry run that writes nothing), then confirm."""
    _manager_only(request)
    form = AssetImportForm(request.POST or None, request.FILES or None)
    report = rows_json = None
    status = 200
    if request.method == "POST":
        report, rows_json = preview_or_import(
            request,
            form,
            lambda rows, dry_run: services.assets_import(
                rows=rows, actor=request.user, dry_run=dry_run
            ),
        )
        if report and report.written:
            messages.success(
                request,
                _("Imported: %(created)s assets created, %(updated)s updated.")
                % {"created": report.created, "updated": report.updated},
            )
            return redirect("portfolio:assets")
        if form.errors or (report and not report.ok):
            status = 400
    return render(
        request,
        "portfolio/asset_import.html",
        {"form": form, "report": report, "rows_json": rows_json},
        status=status,
    )


@login_required
def asset_import_template(request):
    _manager_only(request)
    header, *rows = services.import_template_rows()
    return csv_response("ict-assets-template.csv", rows, header=header)


@login_required
def asset_export(request, fmt):
    assets = selectors.assets_for_export(request.user)
    if fmt == "xlsx":
        return services.export_xlsx(assets)
    return services.export_csv(assets)
