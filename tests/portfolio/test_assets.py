"""The ICT asset inventory kept by the PMO: add, edit, link, retire, import, export."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from governance.models import AuditEntry, OrganisationUnit
from governance.rights import RightsError
from portfolio import assets
from portfolio.models import Asset, ProjectAsset
from programmes.models import Programme
from tests.portfolio.factories import AssetFactory, draft, walk
from tests.testing.api import ApiPersonaAccessMixin, token_client
from tests.testing.personas import PERSONA_NAMES
from tests.testing.queries import assert_constant_queries
from tests.testing.views import PersonaAccessMixin

pytestmark = pytest.mark.django_db

COLUMNS = ["code", "name", "kind", "owner_unit", "programme", "lifecycle", "annual_running_cost"]


def new_asset(pmo, code="mail", **values):
    return assets.asset_create(
        actor=pmo,
        code=code,
        name=values.pop("name", "Mail system"),
        kind="system",
        owner_unit=OrganisationUnit.objects.get(code="oict"),
        programme=Programme.objects.get(code="infrastructure"),
        lifecycle="in_service",
        **values,
    )


def xlsx(rows):
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(
        "assets.xlsx",
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def inventory_rows(n, bad_line=None):
    rows = [COLUMNS]
    for i in range(n):
        rows.append(
            [
                f"asset-{i:04d}",
                f"Asset {i}",
                "application",
                "unog",
                "knowledge",
                "in_service",
                str(1000 + i),
            ]
        )
    if bad_line is not None:
        rows[bad_line - 1][2] = "spaceship"
    return rows


# --------------------------------------------------------------------------- services


def test_the_pmo_adds_edits_links_and_retires_an_asset(personas):
    pmo = personas["pmo"]
    asset = new_asset(pmo, annual_running_cost=5000)
    asset = assets.asset_update(
        asset=asset, actor=pmo, name="Mail and calendar", lifecycle="sunsetting"
    )
    assert (asset.name, asset.lifecycle) == ("Mail and calendar", "sunsetting")
    project = walk(draft(personas), personas, "submitted")
    assets.asset_link(asset=asset, project=project, relation="replaces", actor=pmo)
    assert ProjectAsset.objects.get(asset=asset).project == project
    with pytest.raises(ValidationError):
        assets.asset_retire(asset=asset, actor=pmo, reason="")
    asset = assets.asset_retire(asset=asset, actor=pmo, reason="Replaced by the cloud service")
    assert asset.is_retired and asset.retired_on is not None
    with pytest.raises(ValidationError):
        assets.asset_update(asset=asset, actor=pmo, name="Back")
    assert list(
        AuditEntry.objects.filter(object_id=str(asset.pk), action__startswith="asset.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["asset.create", "asset.update", "asset.link", "asset.retire"]


@pytest.mark.parametrize("username", sorted(set(PERSONA_NAMES) - {"pmo"}))
def test_only_the_pmo_keeps_the_inventory(personas, username):
    with pytest.raises(RightsError):
        new_asset(personas[username])
    asset = AssetFactory()
    with pytest.raises(RightsError):
        assets.asset_retire(asset=asset, actor=personas[username], reason="Gone")


def test_a_code_is_unique_and_an_amount_cannot_be_negative(personas):
    new_asset(personas["pmo"])
    with pytest.raises(ValidationError):
        new_asset(personas["pmo"])
    with pytest.raises(ValidationError):
        new_asset(personas["pmo"], code="other", annual_running_cost=-1)


def test_an_import_with_one_bad_row_reports_it_and_writes_nothing(personas):
    from core.imports import read_table

    rows = read_table(xlsx(inventory_rows(500, bad_line=251)))
    report = assets.assets_import(rows=rows, actor=personas["pmo"], dry_run=False)
    assert report.rows == 500 and not report.written
    assert report.errors == [(251, "unknown kind “spaceship”")]
    assert not Asset.objects.exists()


def test_an_import_updates_by_code_and_refuses_a_retired_asset(personas):
    pmo = personas["pmo"]
    retired = new_asset(pmo, code="old")
    assets.asset_retire(asset=retired, actor=pmo, reason="Gone")
    new_asset(pmo, code="asset-0000", name="Before")
    rows = inventory_rows(3)
    report = assets.assets_import(rows=rows, actor=pmo, dry_run=False)
    assert (report.created, report.updated) == (2, 1)
    assert Asset.objects.get(code="asset-0000").name == "Asset 0"
    rows.append(["old", "Old", "system", "oict", "infrastructure", "", ""])
    report = assets.assets_import(rows=rows, actor=pmo, dry_run=False)
    assert report.errors == [(5, "asset old is retired")] and not report.written


# --------------------------------------------------------------------------- pages


def test_the_pmo_imports_500_assets_from_xlsx_after_a_preview(client, personas):
    client.force_login(personas["pmo"])
    url = reverse("portfolio:asset_import")
    bad = client.post(url, {"file": xlsx(inventory_rows(500, bad_line=100))})
    assert bad.status_code == 400
    assert "1 row has errors; nothing was written." in bad.content.decode()
    assert "unknown kind “spaceship”" in bad.content.decode()
    assert not Asset.objects.exists()
    preview = client.post(url, {"file": xlsx(inventory_rows(500))})
    assert preview.status_code == 200 and "All 500 rows are valid." in preview.content.decode()
    assert not Asset.objects.exists()
    done = client.post(url, {"confirm": "1", "rows": preview.context["rows_json"]})
    assert done.status_code == 302
    assert Asset.objects.count() == 500


def test_the_pmo_adds_edits_and_retires_an_asset_through_the_pages(client, personas):
    client.force_login(personas["pmo"])
    unit = OrganisationUnit.objects.get(code="unon").pk
    programme = Programme.objects.get(code="infrastructure").pk
    values = {
        "code": "nbo-dc",
        "name": "Nairobi data centre",
        "kind": "infrastructure",
        "owner_unit": unit,
        "programme": programme,
        "lifecycle": "in_service",
        "annual_running_cost": "250000",
        "description": "",
    }
    bad = client.post(reverse("portfolio:asset_new"), {**values, "annual_running_cost": "-5"})
    assert bad.status_code == 400 and 'value="Nairobi data centre"' in bad.content.decode()
    assert client.post(reverse("portfolio:asset_new"), values).status_code == 302
    asset = Asset.objects.get(code="nbo-dc")
    url = reverse("portfolio:asset", args=[asset.pk])
    saved = client.post(url, {**values, "name": "Nairobi data centre (UNON)", "save": "1"})
    assert saved.status_code == 302
    retire = reverse("portfolio:asset_retire", args=[asset.pk])
    assert client.post(retire, {"reason": ""}).status_code == 400
    assert client.post(retire, {"reason": "Moved to the cloud"}).status_code == 302
    asset.refresh_from_db()
    assert asset.name == "Nairobi data centre (UNON)" and asset.is_retired


def test_the_export_escapes_formulas(client, personas):
    AssetFactory(name='=HYPERLINK("http://x")')
    client.force_login(personas["staff"])
    text = client.get(reverse("portfolio:asset_export_csv")).content.decode()
    assert "'=HYPERLINK" in text
    data = client.get(reverse("portfolio:asset_export_xlsx")).content
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet.cell(row=2, column=2).value.startswith("'=")


def test_the_export_keeps_its_queries_constant(client, personas):
    client.force_login(personas["pmo"])
    project = walk(draft(personas), personas, "submitted")
    ProjectAsset.objects.create(asset=AssetFactory(), project=project, relation="creates")

    def grow():
        for asset in AssetFactory.create_batch(3):
            ProjectAsset.objects.create(asset=asset, project=project, relation="creates")

    assert_constant_queries(client, reverse("portfolio:asset_export_csv"), grow)


class TestAssetNewPage(PersonaAccessMixin):
    allowed = {"pmo"}

    def get_url(self, personas):
        return reverse("portfolio:asset_new")


class TestAssetImportPage(PersonaAccessMixin):
    allowed = {"pmo"}

    def get_url(self, personas):
        return reverse("portfolio:asset_import")


class TestAssetPage(PersonaAccessMixin):
    allowed = PersonaAccessMixin.ALL

    def get_url(self, personas):
        return reverse("portfolio:asset", args=[AssetFactory().pk])


class TestAssetRetirePage(PersonaAccessMixin):
    allowed = {"pmo"}

    def get_url(self, personas):
        return reverse("portfolio:asset_retire", args=[AssetFactory().pk])


# --------------------------------------------------------------------------- API


ASSET_JSON = {
    "code": "mail",
    "name": "Mail system",
    "kind": "system",
    "owner_unit": "oict",
    "programme": "infrastructure",
    "lifecycle": "in_service",
    "annual_running_cost": "1200.00",
}


class TestAssetCreateApi(ApiPersonaAccessMixin):
    """Only the PMO adds to the inventory through the API."""

    allowed = {"pmo"}
    allowed_status = 201
    method = "post"

    def get_url(self, personas):
        return "/api/v1/assets/"

    def get_data(self, personas):
        return ASSET_JSON


def test_the_pmo_adds_edits_and_retires_an_asset_through_the_api(personas):
    api = token_client(personas["pmo"])
    created = api.post("/api/v1/assets/", ASSET_JSON)
    assert created.status_code == 201, created.json()
    url = f"/api/v1/assets/{created.json()['id']}/"
    etag = api.get(url)["ETag"]
    edited = api.patch(url, {"name": "Mail and calendar"}, HTTP_IF_MATCH=etag)
    assert edited.status_code == 200 and edited.json()["name"] == "Mail and calendar"
    stale = api.patch(url, {"name": "Lost update"}, HTTP_IF_MATCH=etag)
    assert stale.status_code == 412
    assert api.patch(url, {"code": "other"}, HTTP_IF_MATCH="*").status_code == 400
    assert api.post(f"{url}retire/", {}).status_code == 400  # a reason is needed
    retired = api.post(f"{url}retire/", {"reason": "Replaced by the cloud service"})
    assert retired.status_code == 200 and retired.json()["lifecycle"] == "retired"
    assert api.patch(url, {"name": "Again"}, HTTP_IF_MATCH="*").status_code == 400
    asset = Asset.objects.get()
    assert (asset.name, asset.lifecycle) == ("Mail and calendar", "retired")
    assert list(
        AuditEntry.objects.filter(object_id=str(asset.pk), action__startswith="asset.")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["asset.create", "asset.update", "asset.retire"]
    refused = token_client(personas["cito"]).patch(url, {"name": "x"}, HTTP_IF_MATCH="*")
    assert refused.status_code == 403


def test_the_api_import_of_500_assets_with_one_bad_row_names_it_and_writes_nothing(personas):
    api = token_client(personas["pmo"])
    bad = api.post(
        "/api/v1/assets/import/",
        {"file": xlsx(inventory_rows(500, bad_line=251)), "dry_run": "false"},
        format="multipart",
    )
    assert bad.status_code == 400
    assert bad.json()["error"]["fields"]["file"] == ["Line 251: unknown kind “spaceship”"]
    assert not Asset.objects.exists()
    checked = api.post(
        "/api/v1/assets/import/", {"file": xlsx(inventory_rows(500))}, format="multipart"
    )
    assert checked.status_code == 200 and checked.json()["written"] is False
    assert not Asset.objects.exists()
    done = api.post(
        "/api/v1/assets/import/",
        {"file": xlsx(inventory_rows(500)), "dry_run": "false"},
        format="multipart",
    )
    assert done.status_code == 201 and done.json()["created"] == 500
    assert Asset.objects.count() == 500
    unreadable = api.post(
        "/api/v1/assets/import/",
        {"file": SimpleUploadedFile("assets.xlsx", b"not a workbook")},
        format="multipart",
    )
    assert unreadable.status_code == 400 and "file" in unreadable.json()["error"]["fields"]
