"""The architecture as tests: the import contracts hold and no module imports itself in a circle.

``make test`` (and so CI) fails when an app imports upwards, when a model imports services,
views or the API (the contracts in ``.importlinter``), or when two modules of the project
import each other, directly or through others, including imports inside functions.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "config",
    "core",
    "governance",
    "programmes",
    "portfolio",
    "survey",
    "staffing",
    "planning",
    "transparency",
    "ledger",
)


@pytest.fixture(scope="module")
def graph():
    # Every import, including those inside functions; only TYPE_CHECKING ones are left out.
    return grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True, cache_dir=None)


def test_the_import_contracts_hold():
    command = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    result = subprocess.run(
        [command, "--no-cache", "--config", str(ROOT / ".importlinter")],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _circles(graph):
    """Each import ``a -> b`` for which ``b`` leads back to ``a``, as the circle it closes."""
    circles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back:
                circles.append(" -> ".join((importer, *back)))
    return circles


def test_no_module_imports_itself_through_others(graph):
    assert _circles(graph) == []


def test_the_cycle_finder_finds_a_circle_through_a_function_level_import():
    circle = grimp.ImportGraph()
    for module in ("a", "a.models", "a.services", "a.selectors"):
        circle.add_module(module)
    circle.add_import(importer="a.services", imported="a.models")
    circle.add_import(importer="a.models", imported="a.selectors")
    circle.add_import(importer="a.selectors", imported="a.services")
    assert _circles(circle) == [
        "a.models -> a.selectors -> a.services -> a.models",
        "a.selectors -> a.services -> a.models -> a.selectors",
        "a.services -> a.models -> a.selectors -> a.services",
    ]


@pytest.mark.parametrize(
    ("lower", "higher"),
    [
        ("staffing", "portfolio"),
        ("survey", "portfolio"),
        ("programmes", "portfolio"),
        ("programmes", "governance"),
        ("core", "governance"),
        ("core", "programmes"),
    ],
)
def test_a_lower_package_imports_nothing_from_a_higher_one(graph, lower, higher):
    assert not graph.chain_exists(importer=lower, imported=higher, as_packages=True)


def test_the_virtualenv_is_not_tracked():
    """A worktree's ``.venv`` is a symlink to the shared virtualenv: committed, it replaces the
    integration tree's own on landing (git deletes ignored files it must overwrite)."""
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    tracked = subprocess.run(
        ["git", "ls-files", "--", ".venv", "var"], cwd=root, capture_output=True, text=True
    )
    if tracked.returncode != 0:
        pytest.skip("not a git checkout")
    assert tracked.stdout.strip() == "", "git rm --cached .venv (it must never be committed)"
