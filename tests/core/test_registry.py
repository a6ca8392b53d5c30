"""core.registry: keyed entries filled by higher apps, read by lower ones."""

import pytest

from core.registry import KpiSource, Registry, ReportSection, kpi_sources, report_sections


def _section(key, order=100):
    return ReportSection(key, key.title(), lambda as_of: {"as_of": as_of}, order)


def test_entries_are_kept_by_key_in_registration_order_and_replaced_when_registered_again():
    registry = Registry("test")
    first = registry.register(_section("survey"))
    registry.register(_section("staffing"))
    replacement = registry.register(_section("survey", order=1))
    assert registry.keys() == ["survey", "staffing"]
    assert registry["survey"] is replacement is not first
    assert "staffing" in registry and len(registry) == 2 and list(registry)[1].key == "staffing"
    registry.unregister("staffing")
    assert registry.get("staffing") is None
    with pytest.raises(KeyError, match="not registered in test"):
        registry["staffing"]


def test_override_swaps_entries_for_a_block_only():
    source = KpiSource("test.count", "Count", "projects", lambda *, start, end, owner=None: 1)
    with kpi_sources.override(source):
        assert kpi_sources["test.count"].compute(start=None, end=None) == 1
    assert "test.count" not in kpi_sources


def test_the_apps_register_their_report_sections():
    assert {"survey", "staffing"} <= set(report_sections.keys())
