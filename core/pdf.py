"""PDF documents from templates (WeasyPrint).

``pdf_response(request, template, context, filename)`` renders an HTML template and answers
with the PDF. WeasyPrint needs Pango and its libraries on the machine (Debian:
``apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core``;
``.ci/run`` installs them). The document fetches nothing: its stylesheet is inline and every
other URL (an image, a font from a link in user text) is refused, so rendering a record can
never make the server call out.
"""

from django.http import HttpResponse
from django.template.loader import render_to_string


def _fetcher():
    from weasyprint.urls import URLFetcher

    class FetchNothing(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"PDF documents fetch nothing ({url[:80]})")

    return FetchNothing()


def html_to_pdf(html):
    """The PDF of an HTML document (tests replace this to read the document as text)."""
    from weasyprint import HTML  # imported here: a heavy import only PDF pages need

    return HTML(string=html, url_fetcher=_fetcher()).write_pdf()


def render_pdf(template, context, request=None):
    return html_to_pdf(render_to_string(template, context, request=request))


def pdf_response(request, template, context, filename, *, inline=False):
    response = HttpResponse(render_pdf(template, context, request), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response
