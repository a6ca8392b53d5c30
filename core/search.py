"""One search box over what a person may see: each app offers its records through a
``search.py`` module with ``search(user, query)`` yielding ``SearchGroup`` objects, each built
on the app's own selector (so results are restricted exactly as the lists are).

``text_search`` filters a queryset by the words of a query: PostgreSQL's full-text search
(``websearch`` syntax, ranked) on PostgreSQL, and on SQLite a portable fallback in which every
word must appear in one of the fields (case-insensitive).
"""

import re
from dataclasses import dataclass, field
from functools import reduce
from operator import and_, or_

from django.db import connection
from django.db.models import Q

MAX_QUERY_LENGTH = 200
SHOWN = 10
WORD = re.compile(r"\w+", re.UNICODE)


@dataclass
class SearchResult:
    label: str
    url: str
    detail: str = ""


@dataclass
class SearchGroup:
    key: str
    title: str
    results: list = field(default_factory=list)
    total: int = 0
    #: a list page showing every match, if there is one
    more_url: str = ""


def clean_query(text):
    return " ".join((text or "").replace("\x00", "").split())[:MAX_QUERY_LENGTH]


def words(query):
    return WORD.findall(query)[:12]


def text_search(queryset, fields, query):
    """``queryset`` narrowed to the rows matching ``query`` in any of ``fields``."""
    terms = words(query)
    if not terms:
        return queryset.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector

        vector = SearchVector(*fields, config="simple")
        search_query = SearchQuery(" ".join(terms), search_type="websearch", config="simple")
        prefix = reduce(
            and_, (reduce(or_, (Q(**{f"{name}__icontains": t}) for name in fields)) for t in terms)
        )
        return (
            queryset.annotate(search_rank=SearchRank(vector, search_query))
            .filter(Q(search_rank__gt=0) | prefix)
            .order_by("-search_rank", "-pk")
        )
    condition = reduce(
        and_, (reduce(or_, (Q(**{f"{name}__icontains": t}) for name in fields)) for t in terms)
    )
    return queryset.filter(condition)


def group(key, title, queryset, fields, query, to_result, more_url=""):
    """A ``SearchGroup`` of the first ``SHOWN`` matches of ``query`` and their number."""
    matches = text_search(queryset, fields, query)
    total = matches.count()
    return SearchGroup(
        key=key,
        title=title,
        results=[to_result(row) for row in matches[:SHOWN]] if total else [],
        total=total,
        more_url=more_url if total > SHOWN else "",
    )


def search_everything(user, query):
    from .loading import app_hooks

    groups = []
    for _config, module in app_hooks("search"):
        groups.extend(module.search(user, query))
    return groups
