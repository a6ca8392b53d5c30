"""``{% table_rows table %}``: the body rows of a ``core.tables.PortalTable``, written in Python.

The template loop over rows and cells resolved every cell's column attributes through the
template engine (some 450 cells a page); this writes the same markup directly: each cell as
django-tables2 renders it, shown as ``{{ cell }}`` would show it (escaped unless safe,
localised, in the current time zone), a column's ``<td>`` attributes computed once unless they
depend on the record.
"""

from django import template
from django.template.base import render_value_in_context
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()


def _static_td_attrs(table, bound_column):
    """The column's ``<td>`` attributes when no value of them is computed per record."""
    attrs = dict(table.attrs)
    attrs.update(dict(bound_column.column.attrs))
    td = attrs.get("td", attrs.get("cell", {}))
    if any(callable(value) for value in td.values()):
        return None
    return bound_column.attrs["td"].as_html()


@register.simple_tag(takes_context=True)
def table_rows(context, table):
    columns = list(table.columns)
    static = {column.name: _static_td_attrs(table, column) for column in columns}
    rows = []
    for row in table.paginated_rows:
        cells = []
        for column, cell in row.items():
            attrs = static[column.name]
            if attrs is None:
                attrs = column.attrs["td"].as_html()
            shown = render_value_in_context(cell, context)
            if column.name == table.row_header:
                cells.append(format_html('<th scope="row" {}>{}</th>', attrs, shown))
            else:
                cells.append(format_html("<td {}>{}</td>", attrs, shown))
        rows.append(
            format_html(
                "<tr {}>\n    {}\n    </tr>", row.attrs.as_html(), mark_safe("".join(cells))
            )
        )
    if not rows:
        rows.append(
            format_html(
                '<tr><td colspan="{}">{}</td></tr>',
                len(columns),
                render_value_in_context(table.empty_text, context),
            )
        )
    return mark_safe("\n  ".join(rows))
