"""Right to left without a browser: the layout's CSS uses logical properties only."""

import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[2] / "static"
PHYSICAL = re.compile(
    r"(?<![\w-])(margin|padding|border)-(left|right)\s*:"
    r"|(?<![\w-])(left|right)\s*:"
    r"|text-align\s*:\s*(left|right)"
    r"|float\s*:\s*(left|right)"
)
STYLESHEETS = sorted(p for p in STATIC.rglob("*.css") if "vendor" not in p.parts)


@pytest.mark.parametrize("stylesheet", STYLESHEETS, ids=lambda p: str(p.relative_to(STATIC)))
def test_stylesheets_use_logical_properties(stylesheet):
    found = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(stylesheet.read_text().splitlines(), 1)
        if PHYSICAL.search(line)
    ]
    assert not found, "use margin-inline-start, text-align: start...:\n" + "\n".join(found)


def test_arabic_pages_say_right_to_left(client):
    html = client.get("/accounts/login/", headers={"accept-language": "ar"}).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
