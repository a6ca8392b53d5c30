"""Survey results, aggregated in the database with a fixed number of queries.

Satisfaction for a topic = (very satisfied + satisfied) / (everyone who rated it), where
"not applicable" counts in neither. Groups of respondents smaller than
``SURVEY_MIN_GROUP_SIZE`` (5 by default) are suppressed everywhere, and so is any figure
resting on fewer ratings than that, so no answer can be traced to a person.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Q

from .choices import Rating
from .dimensions import BY_KEY, DIMENSIONS, NOT_STATED
from .models import Answer, Response


def min_group_size():
    return getattr(settings, "SURVEY_MIN_GROUP_SIZE", 5)


def rate(satisfied, rated):
    """Satisfaction in percent, one decimal; ``None`` when nobody rated."""
    if not rated:
        return None
    return round(100 * satisfied / rated, 1)


def suppressed_keys(sizes, minimum):
    """Which groups to hide so that no group under ``minimum`` can be seen or derived.

    Primary: every group with 1 to ``minimum - 1`` members. Secondary: while a single group is
    hidden, or the hidden groups together hold fewer than ``minimum`` people (their figures
    could be derived from the total), also hide the smallest visible group.
    """
    hidden = {key for key, size in sizes.items() if 0 < size < minimum}
    if not hidden:
        return hidden
    visible = sorted(
        (size, str(key), key) for key, size in sizes.items() if key not in hidden and size > 0
    )
    while visible and (len(hidden) == 1 or sum(sizes[k] for k in hidden) < minimum):
        hidden.add(visible.pop(0)[2])
    return hidden


def _rating_counts():
    counts = {f"n{r.value}": Count("pk", filter=Q(rating=r.value)) for r in Rating}
    counts["rated"] = Count("pk", filter=~Q(rating=Rating.NOT_APPLICABLE))
    counts["satisfied"] = Count(
        "pk", filter=Q(rating__in=[Rating.VERY_SATISFIED, Rating.SATISFIED])
    )
    return counts


@dataclass
class TopicResult:
    topic: object
    counts: dict  # rating value -> number of answers
    rated: int
    satisfied: int
    target: int
    suppressed: bool = False
    earlier: float | None = None

    @property
    def rate(self):
        return None if self.suppressed else rate(self.satisfied, self.rated)

    @property
    def gap(self):
        """Percentage points above (positive) or below (negative) the target."""
        return None if self.rate is None else round(self.rate - self.target, 1)

    @property
    def shortfall(self):
        """Percentage points missing to reach the target (``None`` when it is met)."""
        gap = self.gap
        return None if gap is None or gap >= 0 else -gap

    @property
    def meets_target(self):
        return self.rate is not None and self.rate >= self.target

    @property
    def change(self):
        if self.rate is None or self.earlier is None:
            return None
        return round(self.rate - self.earlier, 1)

    @property
    def not_applicable(self):
        return self.counts.get(Rating.NOT_APPLICABLE, 0)

    @property
    def distribution(self):
        """(rating label, number) from very satisfied to not applicable."""
        return [(r.label, self.counts.get(r.value, 0)) for r in Rating]


@dataclass
class Summary:
    survey: object
    respondents: int
    topics: list
    minimum: int
    compare_with: object = None
    suppressed: bool = False

    @property
    def overall(self):
        return next((t for t in self.topics if t.topic.is_overall), None)

    @property
    def services(self):
        return [t for t in self.topics if not t.topic.is_overall]


def topic_counts(survey):
    """topic id -> aggregated row, one query."""
    rows = (
        Answer.objects.filter(survey=survey)
        .values("topic_id")
        .annotate(**_rating_counts())
        .order_by()
    )
    return {row["topic_id"]: row for row in rows}


def summarise(survey, *, compare_with=None):
    """Satisfaction per topic against the target, and against an earlier survey."""
    minimum = min_group_size()
    topics = list(survey.topics.all())
    respondents = Response.objects.filter(survey=survey).count()
    counts = topic_counts(survey)
    earlier = {}
    if compare_with is not None:
        earlier_respondents = Response.objects.filter(survey=compare_with).count()
        if earlier_respondents >= minimum:
            for topic_id, row in topic_counts(compare_with).items():
                if row["rated"] >= minimum:
                    earlier[topic_id] = rate(row["satisfied"], row["rated"])
    whole_suppressed = 0 < respondents < minimum
    results = []
    for topic in topics:
        row = counts.get(topic.pk, {})
        results.append(
            TopicResult(
                topic=topic,
                counts={r.value: row.get(f"n{r.value}", 0) for r in Rating},
                rated=row.get("rated", 0),
                satisfied=row.get("satisfied", 0),
                target=survey.target,
                suppressed=whole_suppressed or row.get("rated", 0) < minimum,
                earlier=earlier.get(topic.pk),
            )
        )
    return Summary(
        survey=survey,
        respondents=respondents,
        topics=results,
        minimum=minimum,
        compare_with=compare_with,
        suppressed=whole_suppressed,
    )


@dataclass
class GroupRow:
    key: object
    label: str
    respondents: int
    cells: list = field(default_factory=list)  # (topic, rate or None) in topic order


@dataclass
class Breakdown:
    dimension: object
    topics: list
    rows: list  # visible groups
    hidden_groups: int
    minimum: int


def breakdown(survey, dimension_key, *, topics=None):
    """Satisfaction per topic for each group of one dimension; small groups suppressed."""
    dimension = BY_KEY[dimension_key]
    minimum = min_group_size()
    topics = list(survey.topics.all()) if topics is None else topics
    group_field = dimension.field
    label_field = None
    values = [group_field]
    if dimension.key == "organisation_unit":
        label_field = "organisation_unit__name"
        values.append(label_field)
    sizes, labels = {}, {}
    for row in (
        Response.objects.filter(survey=survey).values(*values).annotate(n=Count("pk")).order_by()
    ):
        key = row[group_field] or ""
        sizes[key] = row["n"]
        if label_field:
            labels[key] = row[label_field]
    cells = {}
    for row in (
        Answer.objects.filter(survey=survey)
        .values(f"response__{group_field}", "topic_id")
        .annotate(
            rated=Count("pk", filter=~Q(rating=Rating.NOT_APPLICABLE)),
            satisfied=Count("pk", filter=Q(rating__in=[Rating.VERY_SATISFIED, Rating.SATISFIED])),
        )
        .order_by()
    ):
        cells[(row[f"response__{group_field}"] or "", row["topic_id"])] = (
            row["satisfied"],
            row["rated"],
        )
    hidden = suppressed_keys(sizes, minimum)
    # Within each topic, a figure on fewer than `minimum` ratings is hidden the same way.
    hidden_cells = set()
    for topic in topics:
        rated = {key: cells.get((key, topic.pk), (0, 0))[1] for key in sizes if key not in hidden}
        for key in suppressed_keys(rated, minimum):
            hidden_cells.add((key, topic.pk))
    choice_labels = dict(dimension.choices)
    order = {value: i for i, (value, _label) in enumerate(dimension.choices)}
    rows = []
    for key, size in sizes.items():
        if key in hidden:
            continue
        if key == "":
            label = NOT_STATED
        else:
            label = labels.get(key) or choice_labels.get(key, key)
        row = GroupRow(key=key, label=str(label), respondents=size)
        for topic in topics:
            satisfied, rated = cells.get((key, topic.pk), (0, 0))
            value = None if (key, topic.pk) in hidden_cells else rate(satisfied, rated)
            row.cells.append((topic, value))
        rows.append(row)
    rows.sort(key=lambda r: (r.key == "", order.get(r.key, len(order)), r.label))
    return Breakdown(
        dimension=dimension, topics=topics, rows=rows, hidden_groups=len(hidden), minimum=minimum
    )


def all_breakdowns(survey):
    topics = list(survey.topics.all())
    return [breakdown(survey, d.key, topics=topics) for d in DIMENSIONS]


# Geometry of the bar chart (SVG user units), like Annex III C: one bar per topic, the target
# as a vertical line, each value written next to its bar.
CHART_LABEL_WIDTH = 0  # labels sit above the bars so long names fit on a phone
CHART_WIDTH = 600
CHART_BAR_HEIGHT = 16
CHART_ROW_HEIGHT = 44


def chart(summary):
    bars = []
    for i, result in enumerate(summary.topics):
        y = 10 + i * CHART_ROW_HEIGHT
        value = result.rate
        bars.append(
            {
                "result": result,
                "label_y": y + 12,
                "bar_y": y + 18,
                "width": 0 if value is None else round(CHART_WIDTH * value / 100, 1),
                "value_x": 4 + (0 if value is None else round(CHART_WIDTH * value / 100, 1)),
                "text_y": y + 18 + CHART_BAR_HEIGHT - 3,
            }
        )
    height = 20 + len(bars) * CHART_ROW_HEIGHT
    return {
        "bars": bars,
        "width": CHART_WIDTH + 60,
        "height": height,
        "bar_height": CHART_BAR_HEIGHT,
        "target_x": round(CHART_WIDTH * summary.survey.target / 100, 1),
        "target_label_y": height - 2,
    }
