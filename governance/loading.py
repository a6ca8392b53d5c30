"""Loading versioned reference and demo data through the same validation as user input.

Each app that owns reference data has a ``reference.py`` with ``load(loader)``; the
``load_reference_data`` command calls them in ``INSTALLED_APPS`` order, so governance never
imports the apps that come after it. Loading is idempotent: a record whose fields already hold
the file's values is left untouched, and the command reports what it created and updated.
"""

import csv
from collections import Counter
from pathlib import Path

import yaml
from django.apps import apps


class Loader:
    def __init__(self, stdout=None):
        self.stdout = stdout
        self.counts = Counter()

    def sync(self, model, lookup, values, *, on_create=None):
        """Create or update one row found by ``lookup``; validate with ``full_clean``.

        ``on_create`` holds values set only when the row is new (a password, say).
        """
        instance = model._default_manager.filter(**lookup).first()
        label = model._meta.verbose_name_plural
        if instance is None:
            instance = model(**lookup, **values, **(on_create or {}))
            instance.full_clean()
            instance.save()
            self.counts[(label, "created")] += 1
            return instance
        changed = [name for name, value in values.items() if _field_value(instance, name) != value]
        if changed:
            for name in changed:
                setattr(instance, name, values[name])
            instance.full_clean()
            instance.save(update_fields=[_attname(model, name) for name in changed])
            self.counts[(label, "updated")] += 1
        else:
            self.counts[(label, "unchanged")] += 1
        return instance

    def set_m2m(self, instance, field, targets):
        manager = getattr(instance, field)
        if {t.pk for t in manager.all()} != {t.pk for t in targets}:
            manager.set(targets)
            self.counts[(instance._meta.verbose_name_plural, "updated")] += 1

    @property
    def changes(self):
        return sum(n for (label, what), n in self.counts.items() if what != "unchanged")

    def report(self):
        by_label = {}
        for (label, what), n in self.counts.items():
            by_label.setdefault(str(label), Counter())[what] += n
        for label, counter in by_label.items():
            yield (
                f"{label}: {counter['created']} created, {counter['updated']} updated, "
                f"{counter['unchanged']} unchanged"
            )


def _attname(model, name):
    return model._meta.get_field(name).attname


def _field_value(instance, name):
    field = instance._meta.get_field(name)
    if field.is_relation:
        return getattr(instance, name)
    return getattr(instance, field.attname)


def read_yaml(app_label, filename):
    return yaml.safe_load(_path(app_label, filename).read_text(encoding="utf-8"))


def read_csv(app_label, filename):
    with _path(app_label, filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _path(app_label, filename):
    return Path(apps.get_app_config(app_label).path) / "reference" / filename


def app_hooks(hook_module):
    """Yield ``(app_config, module)`` for every installed app that has ``hook_module``."""
    from importlib import import_module
    from importlib.util import find_spec

    for config in apps.get_app_configs():
        name = f"{config.name}.{hook_module}"
        if find_spec(name) is not None:
            yield config, import_module(name)
