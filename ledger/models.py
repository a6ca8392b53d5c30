from django.db import models
from django.utils.translation import gettext_lazy as _

from core import clock
from core.records import AppendOnlyManager


class Link(models.Model):
    """One appended row of an append-only table, chained to the link before it.

    ``hash`` is the SHA-256 of the row's canonical JSON (its ``columns`` at the time it was
    appended, with the table and primary key) followed by ``prev_hash``: changing, deleting
    or reordering any chained row, or any link, breaks every hash after it. ``seq`` and
    ``prev_hash`` are unique, so two writers can never fork the chain.
    """

    seq = models.PositiveBigIntegerField(_("position"), unique=True)
    table = models.CharField(_("table"), max_length=63)
    row_pk = models.CharField(_("row"), max_length=64)
    columns = models.TextField(_("columns"))
    prev_hash = models.CharField(_("previous hash"), max_length=64, unique=True)
    hash = models.CharField(_("hash"), max_length=64, unique=True)
    appended_at = models.DateTimeField(_("appended at"), default=clock.now)

    objects = AppendOnlyManager()

    class Meta:
        ordering = ["seq"]
        verbose_name = _("chain link")
        verbose_name_plural = _("chain links")
        constraints = [
            models.UniqueConstraint(fields=["table", "row_pk"], name="ledger_row_chained_once"),
        ]

    def __str__(self):
        return f"#{self.seq} {self.table}:{self.row_pk}"
