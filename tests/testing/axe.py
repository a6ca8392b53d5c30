"""axe-core in the browser tests: ``assert_accessible(page)`` runs axe-core (the copy bundled
by the pinned ``axe-playwright-python`` package, no network) on the page as it is and fails
on any serious or critical violation, listing each rule, its impact and the elements."""

from functools import cache
from importlib import resources

BLOCKING = ("serious", "critical")


@cache
def axe_source():
    return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text()


def violations(page, *, impacts=BLOCKING):
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations)"
    )
    return [v for v in result if v.get("impact") in impacts]


def describe(found):
    lines = []
    for violation in found:
        targets = [", ".join(node.get("target", [])) for node in violation.get("nodes", [])][:5]
        lines.append(
            f"{violation['id']} ({violation['impact']}): {violation['help']} – {'; '.join(targets)}"
        )
    return "\n".join(lines)


def assert_accessible(page, *, rules=None):
    """No serious or critical axe-core violation on ``page`` (only ``rules``, if given)."""
    found = violations(page)
    if rules is not None:
        found = [v for v in found if v["id"] in rules]
    assert not found, f"axe-core on {page.url}:\n{describe(found)}"
