"""programmes is the lowest app: it imports nothing from the apps above it, and none of its
models points at theirs (acceptance 3 of issue 15; issue 19's layers)."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

UPPER = ("governance", "portfolio", "survey", "staffing")


def _imported_modules(path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.module
        elif isinstance(node, ast.Call) and getattr(node.func, "id", "") in (
            "import_module",
            "__import__",
        ):
            for arg in node.args:
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                    yield arg.value


def test_programmes_imports_nothing_from_the_apps_above_it():
    root = Path(settings.BASE_DIR) / "programmes"
    offending = []
    files = sorted(root.rglob("*.py"))
    assert len(files) > 10
    for path in files:
        for module in _imported_modules(path):
            if module.split(".")[0] in UPPER:
                offending.append(f"{path.relative_to(root.parent)}: {module}")
    assert not offending, offending


def test_no_programmes_model_points_at_a_model_of_portfolio_survey_or_staffing():
    offending = []
    for model in apps.get_app_config("programmes").get_models():
        for field in model._meta.get_fields():
            target = getattr(field, "related_model", None)
            if field.is_relation and field.concrete and target is not None:
                label = target._meta.app_label
                # The user model is Django's swappable AUTH_USER_MODEL, not a governance import.
                if label in ("portfolio", "survey", "staffing", "budgets", "reports"):
                    offending.append(f"{model.__name__}.{field.name} -> {target._meta.label}")
                if label == "governance" and target._meta.label != settings.AUTH_USER_MODEL:
                    offending.append(f"{model.__name__}.{field.name} -> {target._meta.label}")
    assert not offending, offending


def test_the_scan_would_see_an_upward_import(tmp_path):
    scratch = tmp_path / "scratch.py"
    scratch.write_text("from portfolio.models import Project\nimport survey.models\n")
    assert list(_imported_modules(scratch)) == ["portfolio.models", "survey.models"]
