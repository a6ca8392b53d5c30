"""Pin a page's query count so it stays constant as rows grow."""

from django.db import connection
from django.test.utils import CaptureQueriesContext


def count_queries(client, url, expected_status=200):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == expected_status, f"{url} gave {response.status_code}"
    return len(context), response


def assert_constant_queries(client, url, grow, *, expected_status=200):
    """Count the queries of ``url``, call ``grow()`` to add rows, and count again.

    A first, uncounted request warms up what is done once per client (a token's last-use
    stamp, a session). Returns the count so the caller can also pin its value.
    """
    client.get(url)
    before, _ = count_queries(client, url, expected_status)
    grow()
    # Growing may take longer than a minute on a busy machine: the session's once-a-minute
    # activity stamp (core.security) then falls in this uncounted request, not the next.
    client.get(url)
    after, response = count_queries(client, url, expected_status)
    assert before == after, f"{url}: {before} queries before growing, {after} after"
    return after
