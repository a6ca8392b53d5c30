"""Append-only records: rows that are written once and never changed or deleted.

Governance records (decisions, votes, recusals, opinions, attendance), project transitions,
PMO reviews, budget submission history and audit entries are the portal's evidence. A model
declares itself append-only by its default manager::

    class Vote(models.Model):
        ...
        objects = AppendOnlyManager()

and then:

- its queryset refuses ``update()`` and ``delete()`` with a clear message (the database refuses
  them too: the ``ledger`` app installs triggers on every append-only table, on PostgreSQL and
  SQLite, and re-installs them after each ``migrate``);
- ``bulk_create`` sends ``appended`` after the rows exist, as a single ``save()`` sends
  ``post_save``, so the ``ledger`` app chains every new row in the same transaction whichever
  way it was written (it listens to both). ``ledger_verify`` names any row that escaped.

A change is made by appending a row that supersedes, reverses or corrects an earlier one.
This module sits in ``core`` so that the apps owning the records declare them without
importing the ``ledger`` app above them.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.dispatch import Signal
from django.utils.translation import gettext_lazy as _

#: Sent by ``AppendOnlyQuerySet.bulk_create`` with ``sender`` (the model) and ``instances``.
appended = Signal()


class AppendOnlyError(ValidationError):
    """An attempt to change or delete an append-only record."""


class AppendOnlyQuerySet(models.QuerySet):
    def bulk_create(self, objs, *args, **kwargs):
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise AppendOnlyError(
                _("%(records)s are appended one by one, never merged with existing rows.")
                % {"records": self.model._meta.verbose_name_plural}
            )
        created = super().bulk_create(objs, *args, **kwargs)
        if created:
            appended.send(sender=self.model, instances=list(created))
        return created

    def update(self, **kwargs):
        raise AppendOnlyError(
            _("%(records)s are never changed: append a new record instead.")
            % {"records": self.model._meta.verbose_name_plural}
        )

    def delete(self):
        raise AppendOnlyError(
            _("%(records)s are never deleted: append a new record instead.")
            % {"records": self.model._meta.verbose_name_plural}
        )

    delete.queryset_only = True


class AppendOnlyManager(models.Manager.from_queryset(AppendOnlyQuerySet)):
    pass


def is_append_only(model):
    return isinstance(model._default_manager, AppendOnlyManager)


def append_only_models():
    """Every installed append-only model, in a stable order (by table name)."""
    from django.apps import apps

    found = [
        model
        for model in apps.get_models()
        if is_append_only(model) and not model._meta.proxy and model._meta.managed
    ]
    return sorted(found, key=lambda model: model._meta.db_table)
