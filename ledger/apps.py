from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "ledger"
    verbose_name = _("Tamper-evident record")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate, post_save

        from core.records import appended

        from . import chain, db

        connection_created.connect(db.on_connection_created, dispatch_uid="ledger_connection")
        post_migrate.connect(db.on_post_migrate, sender=self, dispatch_uid="ledger_post_migrate")
        post_save.connect(chain.on_post_save, dispatch_uid="ledger_post_save")
        appended.connect(chain.on_appended, dispatch_uid="ledger_appended")
