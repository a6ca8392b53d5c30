from django.contrib import admin

from governance.admin import ReadOnlyModelAdmin

from .models import Link


@admin.register(Link)
class LinkAdmin(ReadOnlyModelAdmin):
    """The chain, to read: it is appended by the application and never changed."""

    list_display = ["seq", "table", "row_pk", "hash", "appended_at"]
    list_filter = ["table"]
    search_fields = ["hash", "row_pk"]
