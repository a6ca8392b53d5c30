"""The home page's panels: each app says what awaits a person in its part of the portal.

An app adds a ``dashboard.py`` module with ``panels(user)`` yielding ``Panel`` objects (found
with ``core.loading.app_hooks("dashboard")``, as the main menu is). A panel shows a few counts,
each linking to the list behind it, a short list of the first things to act on, and
optionally a chart whose figures are also given as a table, so nothing depends on the picture
(or on colour). Each panel runs a fixed number of queries, whatever the number of rows.
"""

from dataclasses import dataclass, field


@dataclass
class Count:
    label: str
    value: int | str
    url: str = ""
    #: shown after the count, e.g. "2 overdue"
    note: str = ""


@dataclass
class Entry:
    """One thing to act on: a label linking to it and a short detail (a deadline, a state)."""

    label: str
    url: str = ""
    detail: str = ""


@dataclass
class DataTable:
    """The figures of a chart as a table: its caption, column headers and rows of cells."""

    caption: str
    header: list
    rows: list = field(default_factory=list)


@dataclass
class Panel:
    key: str
    title: str
    #: smaller first; the worklists come before the overviews
    order: int = 100
    intro: str = ""
    counts: list = field(default_factory=list)
    entries: list = field(default_factory=list)
    #: what the panel says when it has no entry
    empty: str = ""
    chart: object = None
    table: DataTable | None = None
    more_url: str = ""
    more_label: str = ""
    wide: bool = False


def collect_panels(user):
    """Every app's panels for ``user``, in order (a person with several roles sees each)."""
    from .loading import app_hooks

    panels = []
    for _config, module in app_hooks("dashboard"):
        panels.extend(module.panels(user))
    return sorted(panels, key=lambda panel: (panel.order, panel.key))
