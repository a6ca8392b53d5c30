"""gunicorn settings for `make serve` and `make bench` (``--config config/gunicorn.conf.py``).

After a worker has loaded the application, ``gc.freeze()`` moves everything loaded so far
(Django, the URL conf, the apps' modules) out of the garbage collector's generations: each
collection then walks only the objects a request made, which shortens the pauses that set
the slowest requests' times (issue 16: p95 against the median).
"""

import gc
import os


def post_worker_init(worker):
    # GC_FREEZE=0 turns it off, to measure what it buys (`make bench`).
    if os.environ.get("GC_FREEZE", "1") != "0":
        gc.collect()
        gc.freeze()
