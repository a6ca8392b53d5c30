"""Scale data (``generate_scale_data``): quarterly staffing snapshots of each generated ICT
unit for the last two years."""

import datetime

from core import clock

from .models import StaffingSnapshot

QUARTERS = 8


def generate(ctx):
    rng = ctx.rng
    today = clock.today()
    dates = []
    for back in range(QUARTERS):
        index = today.year * 4 + (today.month - 1) // 3 - 1 - back
        dates.append(datetime.date(index // 4, (index % 4) * 3 + 1, 1))
    rows = []
    for unit in ctx.shared["units"]:
        size = rng.randint(3, 80)
        for as_of in dates:
            rows.append(
                StaffingSnapshot(
                    unit=unit,
                    as_of=as_of,
                    source="Generated",
                    submitted_by=unit.chief,
                    d=rng.randint(0, 1),
                    p=size // 3,
                    fs=size // 5,
                    gs=size // 2,
                    local=rng.randint(0, size // 4),
                    unv=rng.randint(0, 2),
                    icc=rng.randint(0, 3),
                    contractors=rng.randint(0, size // 3),
                )
            )
    ctx.bulk(StaffingSnapshot, rows)
    ctx.say(f"  {len(rows)} staffing snapshots")
