"""Horizontal bar charts drawn as inline SVG; each chart has a data table beside it."""

from decimal import Decimal

BAR_HEIGHT = 22
GAP = 6
LABEL_WIDTH = 220
BAR_AREA = 360


def bars(rows, *, label="name", value="total"):
    """Geometry for a bar chart of ``rows`` (dicts): one bar per row, scaled to the largest."""
    values = [Decimal(row[value] or 0) for row in rows]
    largest = max(values, default=Decimal(0)) or Decimal(1)
    drawn = []
    for index, (row, amount) in enumerate(zip(rows, values, strict=True)):
        y = index * (BAR_HEIGHT + GAP)
        drawn.append(
            {
                "label": row[label],
                "value": amount,
                "y": y,
                "text_y": y + BAR_HEIGHT * 0.7,
                "width": float(amount / largest * BAR_AREA),
            }
        )
    return {
        "bars": drawn,
        "height": max(len(drawn), 1) * (BAR_HEIGHT + GAP),
        "label_width": LABEL_WIDTH,
        "bar_x": LABEL_WIDTH + 4,
        "width": LABEL_WIDTH + BAR_AREA + 140,
        "bar_height": BAR_HEIGHT,
    }
