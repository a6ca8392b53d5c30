"""core.loading: reference files read from an app's reference/ folder, written idempotently."""

import pytest

from core.loading import Loader, app_hooks, read_csv, read_yaml
from governance.models import OrganisationUnit

pytestmark = pytest.mark.django_db


def test_reference_files_are_read_from_the_apps_folder():
    assert read_yaml("governance", "bodies.yaml")["bodies"]
    assert read_csv("staffing", "annex_iv_2007-12-31.csv")[0]


def test_sync_validates_creates_then_updates_only_what_changed():
    loader = Loader()
    values = {"name": "Test unit", "kind": "office"}
    unit = loader.sync(OrganisationUnit, {"code": "test-unit"}, values)
    loader.sync(OrganisationUnit, {"code": "test-unit"}, values)
    assert loader.changes == 1
    loader.sync(OrganisationUnit, {"code": "test-unit"}, {**values, "name": "Renamed"})
    unit.refresh_from_db()
    assert unit.name == "Renamed" and loader.changes == 2
    with pytest.raises(Exception, match="kind"):
        loader.sync(OrganisationUnit, {"code": "bad-unit"}, {"name": "x", "kind": "planet"})


def test_app_hooks_finds_each_apps_module():
    names = [config.name for config, _module in app_hooks("reference")]
    assert {"governance", "programmes", "survey", "staffing"} <= set(names)


@pytest.mark.parametrize("hook", ["dashboard", "search", "scale", "navigation", "demo"])
def test_app_hooks_never_take_cores_own_modules_for_an_apps(hook):
    assert "core" not in [config.name for config, _module in app_hooks(hook)]


def test_every_persona_has_a_dashboard(client, personas):
    for user in personas.values():
        client.force_login(user)
        assert client.get("/").status_code == 200, user.username
