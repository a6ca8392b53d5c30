"""The portal's WSGI application plus the throughput test's floor view (``/bench/floor/``):
the list API's first 100 rows for the committee member by ``values()`` and JSON, with no
middleware, no authentication and no serializer. Served by the same gunicorn as the portal."""

from config.wsgi import application as portal

from .paths import list_floor

floor = list_floor("km.member")


def application(environ, start_response):
    if environ.get("PATH_INFO") != "/bench/floor/":
        return portal(environ, start_response)
    body = floor()
    start_response(
        "200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))]
    )
    return [body]
