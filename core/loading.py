"""Loading versioned reference and demo data through the same validation as user input.

Each app that owns reference data has a ``reference.py`` with ``load(loader)`` that reads its
files (``read_yaml``/``read_csv`` from the app's ``reference/`` folder) and writes through
``Loader.sync`` (``full_clean`` first). The ``load_reference_data`` command calls them in
``INSTALLED_APPS`` order (``app_hooks``), so a lower app never imports the apps above it.
Loading is idempotent: a record whose fields already hold the file's values is left
untouched, and the command reports what it created and updated.
"""

import csv
import fnmatch
import functools
from collections import Counter
from pathlib import Path

import yaml
from django.apps import apps


class Loader:
    """Writes reference or demo records idempotently and counts what it created or updated."""

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

    def grant(self, group_name, app_label, patterns):
        """Give the group exactly the model permissions of ``app_label`` that match
        ``patterns`` (``"view_*"``, ``"change_asset"``); its permissions in other apps stay.

        A pattern that matches nothing is an error: a typo must not pass silently.
        """
        from django.contrib.auth.models import Group, Permission

        available = list(Permission.objects.filter(content_type__app_label=app_label))
        wanted = set()
        for pattern in patterns:
            matched = {p for p in available if fnmatch.fnmatchcase(p.codename, pattern)}
            if not matched:
                raise ValueError(f"{app_label}.{pattern} matches no permission")
            wanted |= matched
        group, created = Group.objects.get_or_create(name=group_name)
        held = set(group.permissions.filter(content_type__app_label=app_label))
        label = Group._meta.verbose_name_plural
        if created:
            self.counts[(label, "created")] += 1
        if held != wanted:
            group.permissions.remove(*(held - wanted))
            group.permissions.add(*(wanted - held))
            if not created:
                self.counts[(label, "updated")] += 1
        elif not created:
            self.counts[(label, "unchanged")] += 1
        return group

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
    """The parsed YAML file ``filename`` in the ``reference/`` folder of ``app_label``."""
    return yaml.safe_load(_path(app_label, filename).read_text(encoding="utf-8"))


def read_csv(app_label, filename):
    """The rows (dicts by header) of a CSV file in the ``reference/`` folder of ``app_label``."""
    with _path(app_label, filename).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _path(app_label, filename):
    return Path(apps.get_app_config(app_label).path) / "reference" / filename


def app_hooks(hook_module):
    """Yield ``(app_config, module)`` for every installed app that has ``hook_module``.

    ``core`` is installed too (its ``apps.py``), but it is where the hooks are called from, not
    an app that fills them: its own ``core.dashboard``, ``core.search`` or ``core.scale`` are
    never taken for one (they were, the moment ``core`` was installed: the dashboard was a 500).
    """
    configs = tuple(apps.get_app_configs())
    yield from _hooks(hook_module, configs)


@functools.cache
def _hooks(hook_module, configs):
    """``app_hooks`` for one set of installed apps, looked up once: every page asks for the
    menus and panels, and looking for a module on disk costs a few milliseconds a request."""
    from importlib import import_module
    from importlib.util import find_spec

    found = []
    for config in configs:
        if config.name == __package__:
            continue
        name = f"{config.name}.{hook_module}"
        if find_spec(name) is not None:
            found.append((config, import_module(name)))
    return tuple(found)
