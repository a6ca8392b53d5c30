"""Keeping the ICT service catalogue on pages (the PMO and the CITO): a service and its
service levels, each change through ``governance.performance.services`` with its audit record;
a service level has exactly one KPI, and changing it (page or admin) replaces the link."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from governance.models import AuditEntry, OrganisationUnit
from governance.performance import services as catalogue
from governance.performance.models import Service, ServiceLevel
from governance.rights import RightsError
from tests.programmes.factories import kpi
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db

KEEPERS = {"pmo", "cito"}


def desk():
    return Service.objects.get(code="service-desk")


def desk_level(personas):
    level = ServiceLevel.objects.filter(service=desk()).first()
    if level is None:
        level = catalogue.service_level_set(
            service=desk(), kpi=kpi("svc-first"), kind="availability", actor=personas["pmo"]
        )
    return level


class TestServiceCreatePage(PersonaAccessMixin):
    allowed = KEEPERS

    def get_url(self, personas):
        return reverse("performance:service_create")


class TestServiceCreate(TestServiceCreatePage):
    method = "post"
    allowed_status = 302

    def get_data(self, personas):
        unit = OrganisationUnit.objects.get(code="oict")
        return {"code": "e-signature", "name": "E-signature", "owner_unit": unit.pk, "order": 30}


class TestServiceEditPage(PersonaAccessMixin):
    allowed = KEEPERS

    def get_url(self, personas):
        return reverse("performance:service_edit", args=["service-desk"])


class TestServiceEdit(TestServiceEditPage):
    method = "post"
    allowed_status = 302

    def get_data(self, personas):
        service = desk()
        return {
            "name": "Global service desk",
            "owner_unit": service.owner_unit_id,
            "serves_all_units": "on",
            "order": service.order,
            "active": "on",
        }


class TestServiceLevelAddPage(PersonaAccessMixin):
    allowed = KEEPERS

    def get_url(self, personas):
        return reverse("performance:service_level_add", args=["service-desk"])


class TestServiceLevelAdd(TestServiceLevelAddPage):
    method = "post"
    allowed_status = 302

    def get_data(self, personas):
        return {"kind": "availability", "kpi": kpi("svc-new").pk, "order": 1}


class TestServiceLevelEditPage(PersonaAccessMixin):
    allowed = KEEPERS

    def get_url(self, personas):
        return reverse(
            "performance:service_level_edit", args=["service-desk", desk_level(personas).pk]
        )


class TestServiceLevelEdit(TestServiceLevelEditPage):
    method = "post"
    allowed_status = 302

    def get_data(self, personas):
        return {"kind": "satisfaction", "kpi": kpi("svc-other").pk, "order": 2}


def test_an_unknown_service_or_level_is_a_404(client, pmo, personas):
    client.force_login(pmo)
    assert client.get(reverse("performance:service_edit", args=["nope"])).status_code == 404
    other = Service.objects.exclude(code="service-desk").first()
    level = desk_level(personas)
    url = reverse("performance:service_level_edit", args=[other.code, level.pk])
    assert client.get(url).status_code == 404


def test_adding_a_service_records_it_and_its_audit(client, cito):
    client.force_login(cito)
    units = list(OrganisationUnit.objects.filter(annex_iv_row__isnull=False)[:2])
    response = client.post(
        reverse("performance:service_create"),
        {
            "code": "e-signature",
            "name": "E-signature",
            "owner_unit": units[0].pk,
            "units_served": [u.pk for u in units],
            "order": 30,
            "active": "on",
        },
    )
    service = Service.objects.get(code="e-signature")
    assert response["Location"] == service.get_absolute_url()
    assert set(service.units_served.all()) == set(units)
    assert AuditEntry.objects.filter(action="service.create", object_id=str(service.pk)).exists()


def test_bad_service_input_is_refused_on_the_page_and_changes_nothing(client, pmo):
    client.force_login(pmo)
    before = Service.objects.count()
    response = client.post(
        reverse("performance:service_create"), {"code": "service-desk", "name": ""}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "There is a problem" in page and "already exists" in page
    assert Service.objects.count() == before
    assert not AuditEntry.objects.filter(action="service.create").exists()


def test_changing_a_levels_kpi_on_the_page_replaces_the_link(client, pmo, personas):
    level = desk_level(personas)
    old, new = level.kpi, kpi("svc-replacement")
    client.force_login(pmo)
    response = client.post(
        reverse("performance:service_level_edit", args=["service-desk", level.pk]),
        {"kind": level.kind, "kpi": new.pk, "order": 0},
    )
    assert response.status_code == 302
    links = ServiceLevel.objects.filter(service=desk())
    assert list(links.values_list("pk", "kpi")) == [(level.pk, new.pk)]
    assert not links.filter(kpi=old).exists()
    entry = AuditEntry.objects.get(
        action="service_level.set", object_id=str(level.pk), summary__contains="was"
    )
    assert old.code in entry.summary and new.code in entry.summary


def test_linking_a_kpi_the_service_already_has_is_refused(client, pmo, personas):
    level = desk_level(personas)
    other = catalogue.service_level_set(
        service=desk(), kpi=kpi("svc-second"), kind="satisfaction", actor=pmo
    )
    client.force_login(pmo)
    response = client.post(
        reverse("performance:service_level_edit", args=["service-desk", other.pk]),
        {"kind": "satisfaction", "kpi": level.kpi_id, "order": 0},
    )
    assert response.status_code == 400
    assert "already a service level of the service" in response.content.decode()
    other.refresh_from_db()
    assert other.kpi.code == "svc-second"


def test_only_the_keepers_change_the_catalogue_through_the_service(personas):
    with pytest.raises(RightsError):
        catalogue.service_level_set(
            service=desk(), kpi=kpi("svc-x"), kind="availability", actor=personas["staff"]
        )


def test_changing_a_levels_kpi_in_the_admin_replaces_the_link(client, pmo, personas):
    level = desk_level(personas)
    old, new = level.kpi, kpi("svc-admin")
    # The admin also needs Django's model permission (a superuser has it).
    pmo.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="performance", codename__endswith="_servicelevel"
        )
    )
    pmo = type(pmo).objects.get(pk=pmo.pk)
    client.force_login(pmo)
    url = reverse("admin:performance_servicelevel_change", args=[level.pk])
    response = client.post(url, {"kind": level.kind, "kpi": new.pk, "order": 0})
    assert response.status_code == 302, response.content.decode()[:2000]
    links = ServiceLevel.objects.filter(service=desk())
    assert list(links.values_list("pk", "kpi")) == [(level.pk, new.pk)]
    assert not ServiceLevel.objects.filter(kpi=old).exists()


def test_the_keepers_see_the_links_to_change_the_catalogue(client, personas):
    desk_level(personas)
    for username, shown in (("pmo", True), ("cito", True), ("staff", False), ("dsg", False)):
        client.force_login(personas[username])
        listing = client.get(reverse("performance:services")).content.decode()
        page = client.get(desk().get_absolute_url()).content.decode()
        assert (reverse("performance:service_create") in listing) is shown
        assert (reverse("performance:service_edit", args=["service-desk"]) in page) is shown
        assert (reverse("performance:service_level_add", args=["service-desk"]) in page) is shown


def test_a_code_the_catalogues_addresses_use_is_refused(client, pmo):
    client.force_login(pmo)
    unit = OrganisationUnit.objects.get(code="oict")
    response = client.post(
        reverse("performance:service_create"),
        {"code": "new", "name": "New", "owner_unit": unit.pk, "order": 1},
    )
    assert response.status_code == 400
    assert "names a page of the catalogue" in response.content.decode()
    assert not Service.objects.filter(code="new").exists()
