from django.db import migrations, models


def number_existing_assets(apps, schema_editor):
    Asset = apps.get_model("portfolio", "Asset")
    for asset in Asset.objects.filter(code__isnull=True).only("pk"):
        asset.code = f"asset-{asset.pk}"
        asset.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0004_project_services"),
    ]

    operations = [
        migrations.AddField(
            model_name="asset",
            name="code",
            field=models.SlugField(
                db_index=False, max_length=64, null=True, verbose_name="inventory code"
            ),
        ),
        migrations.RunPython(number_existing_assets, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="asset",
            name="code",
            field=models.SlugField(
                help_text="The asset's tag in the inventory: letters, digits, hyphens.",
                max_length=64,
                unique=True,
                verbose_name="inventory code",
            ),
        ),
        migrations.AddField(
            model_name="asset",
            name="retired_on",
            field=models.DateField(blank=True, null=True, verbose_name="retired on"),
        ),
    ]
