"""The strategy's pages: the programmes and how they build on each other (Figure 2), each
programme with its goal, objectives, initiatives and KPIs, and each initiative."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from openpyxl import Workbook

from core.exports import append_row, csv_response, xlsx_response

from . import selectors
from .models import Initiative, Kpi, PriorityArea, Programme
from .sections import initiative_sections, programme_sections, render_list


def put_errors(form, error):
    """Put a service's ``ValidationError`` on the form, field by field where it names one."""
    if hasattr(error, "error_dict"):
        for name, messages in error.message_dict.items():
            field = name if name in form.fields else None
            if name == NON_FIELD_ERRORS:
                field = None
            for message in messages:
                form.add_error(field, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


@login_required
def programme_list(request):
    programmes = list(Programme.objects.prefetch_related("initiatives", "builds_on"))
    return render(
        request,
        "programmes/programme_list.html",
        {
            "programmes": programmes,
            "figure": dependency_figure(programmes),
            "priority_areas": PriorityArea.objects.all(),
        },
    )


def dependency_figure(programmes):
    """Figure 2 as stacked layers: the programme others build on at the bottom."""
    depth = {}

    def level(programme):
        if programme.pk not in depth:
            depth[programme.pk] = 0  # guards a cycle in hand-edited data
            depth[programme.pk] = 1 + max(
                (level(other) for other in programme.builds_on.all()), default=-1
            )
        return depth[programme.pk]

    layers = sorted(programmes, key=lambda p: (-level(p), p.order))
    height, gap = 44, 8
    return {
        "width": 520,
        "layer_width": 516,
        "height": len(layers) * (height + gap),
        "layers": [
            {
                "programme": programme,
                "y": index * (height + gap),
                "text_y": index * (height + gap) + height // 2 + 5,
                "height": height,
                "level": level(programme),
            }
            for index, programme in enumerate(layers)
        ],
    }


def _initiatives_export(programme, export):
    header = [
        _("Code"),
        _("Initiative"),
        _("Initiative (Chinese)"),
        _("Description"),
        _("Description (Chinese)"),
        _("Timeframe"),
        _("Organisational benefit"),
        _("Organisational benefit (Chinese)"),
    ]
    rows = [
        [
            i.code,
            i.name,
            i.name_zh_hans,
            i.description,
            i.description_zh_hans,
            i.get_timeframe_display(),
            i.benefit,
            i.benefit_zh_hans,
        ]
        for i in programme.initiatives.all()
    ]
    filename = f"initiatives-{programme.code}.{export}"
    if export == "csv":
        return csv_response(filename, rows, header=header)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = programme.code[:31]
    append_row(sheet, header)
    for row in rows:
        append_row(sheet, row)
    return xlsx_response(filename, workbook)


@login_required
def programme_detail(request, code):
    programme = get_object_or_404(
        Programme.objects.prefetch_related(
            "objectives",
            "initiatives",
            "bodies",
            "builds_on",
            Prefetch("kpis", queryset=selectors.with_latest(Kpi.objects.filter(active=True))),
        ),
        code=code,
    )
    export = request.GET.get("format")
    if export in ("csv", "xlsx"):
        return _initiatives_export(programme, export)
    return render(
        request,
        "programmes/programme_detail.html",
        {
            "programme": programme,
            "built_on_by": Programme.objects.filter(builds_on=programme).order_by("order"),
            "sections": render_list(programme_sections, programme, request.user),
        },
    )


@login_required
def initiative_detail(request, code):
    initiative = get_object_or_404(Initiative.objects.select_related("programme"), code=code)
    return render(
        request,
        "programmes/initiative_detail.html",
        {
            "initiative": initiative,
            "sections": render_list(initiative_sections, initiative, request.user),
        },
    )
