"""Files served by the API itself (a report's workbook, a ZIP of CSV files), so a REST client
fetches them with its token like any other resource.

DRF negotiates the response's media type before the view runs; ``FileRenderer`` declares the
file's type so a client asking for it (or for anything) is served, and errors still come back
as JSON in the API's error format.
"""

from rest_framework.renderers import BaseRenderer, JSONRenderer


class FileRenderer(BaseRenderer):
    """Passes a file's bytes through unchanged (the view returns a ready ``HttpResponse``)."""

    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, bytes | bytearray):
            return bytes(data)
        return JSONRenderer().render(data, accepted_media_type, renderer_context)


def file_renderer(media_type, format):
    """A ``FileRenderer`` for one media type (and its ``?format=`` suffix)."""
    return type(
        f"{format.title()}FileRenderer",
        (FileRenderer,),
        {"media_type": media_type, "format": format},
    )
