"""Tables: one way for every list page (django-tables2).

A page declares its columns and hands its rows to ``table_page``::

    class DecisionTable(PortalTable):
        recorded_at = tables.DateTimeColumn(verbose_name=_("Decided at"))
        body = tables.Column(verbose_name=_("Body"))
        votes_for = NumberColumn(verbose_name=_("For"))

        caption = _("Decisions")
        export_name = "decisions"
        row_header = "subject_label"

    def decision_list(request):
        filterset = DecisionFilter(request.GET or None, queryset=...)
        return table_page(request, "governance/decision_list.html",
                          DecisionTable(filtered(filterset)), {"filter": filterset})

and its template shows ``{% render_table table %}``. Every table then has:

- sorting by its declared, orderable columns only (``?sort=title``, ``?sort=-title``); a key
  that names no such column is ignored, and a column whose key the rows cannot be sorted by
  (a Python property) is shown without a sort link, so no ``sort=`` gives a 500;
- pagination (``?page=``, ``?per_page=`` from 1 to ``MAX_PER_PAGE``), a bad page showing the
  nearest one, ties in the sort broken by primary key so pages never overlap;
- filters, sort and page kept in every link (the query string is the state);
- downloads of what is shown (``?format=csv``, ``?format=xlsx``): every row the filter selects
  (not only the page), in the order shown, written through ``core.exports`` (spreadsheet
  formulas escaped). A column leaves the downloads with ``exclude_from_export=True``; a
  ``value_<column>`` method gives its plain value where ``render_<column>`` returns HTML;
- the template ``core/_table.html``: the table scrolls inside its own keyboard-focusable region
  (``role=region``, ``tabindex=0``, labelled by the caption), ``aria-sort`` on the sorted
  column's header, sort links that say their direction in words, a labelled page navigation.

Class-based pages use ``TableViewMixin`` (``table_class``, ``get_table_data``) instead.
"""

import datetime
from decimal import Decimal

import django_tables2 as tables
from django.core.exceptions import FieldError
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db.models import QuerySet
from django.shortcuts import render
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from core.exports import append_row, csv_response, xlsx_response

EXPORT_PARAM = "format"
EXPORT_FORMATS = ("csv", "xlsx")
DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 200


class ExportMixin:
    """CSV and XLSX downloads of every row of a table (sorted, not paginated), through
    ``core.exports``: the header is the columns' names, the cells their plain values."""

    export_name = "table"

    def export_rows(self):
        """The header, then one list of plain values per row."""
        values = self.as_values()
        yield next(values)
        for row in values:
            yield [_plain(value) for value in row]

    def as_csv_response(self):
        rows = self.export_rows()
        return csv_response(f"{self.export_name}.csv", rows, header=next(rows))

    def as_xlsx_response(self):
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(force_str(self.caption or self.export_name)[:31])
        for row in self.export_rows():
            append_row(sheet, [_xlsx_cell(value) for value in row])
        return xlsx_response(f"{self.export_name}.xlsx", workbook)

    @property
    def prefixed_export_field(self):
        return f"{self.prefix}{EXPORT_PARAM}"

    def export_response(self, fmt):
        return self.as_xlsx_response() if fmt == "xlsx" else self.as_csv_response()


def _plain(value):
    if value is None:
        return ""
    if isinstance(value, int | float | Decimal | datetime.date | datetime.time):
        return value
    return force_str(value)


def _xlsx_cell(value):
    """openpyxl refuses aware date-times: a cell shows the local time, as the page does."""
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.make_naive(value)
    return value


class _InheritedMeta(tables.tables.DeclarativeColumnsMetaclass):
    """django-tables2 reads only a class's own ``Meta``: a table without one takes its base's."""

    def __new__(mcs, name, bases, attrs):
        if "Meta" not in attrs:
            meta = next((b.Meta for b in bases if getattr(b, "Meta", None) is not None), None)
            if meta is not None:
                attrs["Meta"] = meta
        return super().__new__(mcs, name, bases, attrs)


class PortalTable(ExportMixin, tables.Table, metaclass=_InheritedMeta):
    """The project's table: its template, page size, empty text and safe sorting.

    Set ``caption`` (the table's name, also the scrolling region's label), ``export_name``
    (the downloads' file name) and, optionally, ``row_header`` (the column whose cells head
    their rows, ``<th scope="row">``). ``caption`` may also be passed to the constructor.
    """

    caption = ""
    row_header = None
    exportable = True

    class Meta:
        template_name = "core/_table.html"
        per_page = DEFAULT_PER_PAGE
        order_by_field = "sort"
        page_field = "page"
        per_page_field = "per_page"
        empty_text = _("Nothing to show.")
        attrs = {"class": "data"}

    def __init__(self, data=None, *args, caption=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        if kwargs.get("order_by") is None and self._meta.order_by is None:
            # The rows keep their own order (the selector's) until a person sorts; django-tables2
            # would otherwise mark as sorted every column that order happens to mention.
            self._order_by = None
        if caption is not None:
            self.caption = caption
        self._disable_unsortable_columns()

    def _disable_unsortable_columns(self):
        """A column whose sort key is no field or annotation of the rows gets no sort link."""
        queryset = getattr(self.data, "data", None)
        if not isinstance(queryset, QuerySet):
            return
        for bound in self.columns.iterall():
            if not bound.orderable or getattr(self, f"order_{bound.name}", None):
                continue
            keys = [key.replace(".", "__").lstrip("-") for key in bound.order_by]
            try:
                queryset.order_by(*keys)
            except (FieldError, TypeError, ValueError):
                bound.column.orderable = False  # this table's own copy of the column

    @property
    def order_by(self):
        return super().order_by

    @order_by.setter
    def order_by(self, value):
        tables.Table.order_by.fset(self, value)
        queryset = getattr(self.data, "data", None)
        if self._order_by and isinstance(queryset, QuerySet):
            # Ties broken by primary key: the same row never shows on two pages.
            keys = list(queryset.query.order_by)
            if "pk" not in keys and "-pk" not in keys:
                self.data.data = queryset.order_by(*keys, "pk")


def _positive(value, default, ceiling):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return min(max(number, 1), ceiling)


def configure(request, table, *, paginate=True):
    """Sort and paginate ``table`` from the request's query string; bad values are ignored."""
    table.request = request
    order_by = [key for key in request.GET.getlist(table.prefixed_order_by_field) if key]
    if order_by:
        table.order_by = order_by
    if paginate:
        per_page = _positive(
            request.GET.get(table.prefixed_per_page_field), table._meta.per_page, MAX_PER_PAGE
        )
        page = _positive(request.GET.get(table.prefixed_page_field), 1, 10**9)
        try:
            table.paginate(per_page=per_page, page=page)
        except PageNotAnInteger:
            table.page = table.paginator.page(1)
        except EmptyPage:
            table.page = table.paginator.page(table.paginator.num_pages)
    return table


def export_format(request, table):
    fmt = request.GET.get(table.prefixed_export_field)
    return fmt if fmt in EXPORT_FORMATS else None


def table_page(request, template_name, table, context=None, *, paginate=True):
    """The list page of ``table`` (``table`` in the template), or its download when the query
    string asks for one."""
    return tables_page(request, template_name, {"table": table}, context, paginate=paginate)


def tables_page(request, template_name, named_tables, context=None, *, paginate=True):
    """A page of several tables, each in the template under its name; give each a ``prefix``
    (``RunTable(rows, prefix="runs-")``) so their sorts, pages and downloads stay apart."""
    for table in named_tables.values():
        fmt = export_format(request, table)
        if fmt and table.exportable:
            configure(request, table, paginate=False)
            return table.export_response(fmt)
    for table in named_tables.values():
        configure(request, table, paginate=paginate)
    return render(request, template_name, {**named_tables, **(context or {})})


def filtered(filterset):
    """The filterset's rows; all of its queryset while its form is unbound or invalid (the
    form then shows its errors beside what was typed)."""
    if filterset.is_bound and filterset.is_valid():
        return filterset.qs
    return filterset.queryset


class TableViewMixin:
    """For a class-based list page: ``table_class``, ``template_name`` and
    ``get_table_data()``; optionally ``filterset_class`` (its filterset is in the context as
    ``filter`` and filters the rows) and ``get_context_data()``."""

    table_class = None
    filterset_class = None
    template_name = None

    def get_table_data(self):
        raise NotImplementedError

    def get_context_data(self, **kwargs):
        return kwargs

    def get(self, request, *args, **kwargs):
        rows = self.get_table_data()
        context = {}
        if self.filterset_class is not None:
            filterset = self.filterset_class(request.GET or None, queryset=rows, request=request)
            rows = filtered(filterset)
            context["filter"] = filterset
        table = self.table_class(rows)
        return table_page(request, self.template_name, table, self.get_context_data(**context))


class NumberColumn(tables.Column):
    """A right-aligned number, grouped by thousands on the page; a plain number in downloads."""

    def __init__(self, *args, decimals=0, **kwargs):
        self.decimals = decimals
        attrs = kwargs.pop("attrs", {})
        attrs.setdefault("th", {}).setdefault("class", "numbers")
        attrs.setdefault("td", {}).setdefault("class", "numbers")
        super().__init__(*args, attrs=attrs, **kwargs)

    def render(self, value):
        return number_format(value, decimal_pos=self.decimals, use_l10n=True, force_grouping=True)

    def value(self, value):
        return value
