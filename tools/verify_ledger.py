#!/usr/bin/env python3
"""Verify an export of the portal's tamper-evident record, with nothing but Python.

    python manage.py ledger_export ledger.jsonl      # on the portal
    python3 tools/verify_ledger.py ledger.jsonl      # anywhere: no Django, no database

Each line after the header is one link: the row of an append-only table as stored when the
export was written, and the hashes. A link's hash is the SHA-256 of the row's canonical JSON
(sorted keys, no spaces, UTF-8: ``{"pk": ..., "row": {...}, "table": ...}``) followed by the
previous link's hash. The script recomputes every hash and names the first link that does not
hold: a row changed or deleted, a link missing, removed or out of order. It prints the head
hash, which minutes quote, and exits 0 when the chain holds, 1 when it is broken, 2 when the
file is not an export.

Keep ``canonical`` and ``link_hash`` in step with ``ledger/chain.py``.
"""

import hashlib
import json
import sys

GENESIS = "0" * 64


def canonical(table, pk, row):
    return json.dumps(
        {"table": table, "pk": str(pk), "row": row},
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
        allow_nan=False,
    )


def link_hash(table, pk, row, prev_hash):
    return hashlib.sha256((canonical(table, pk, row) + prev_hash).encode("utf-8")).hexdigest()


def verify(lines):
    """``(links, head_hash, None)`` when the chain holds, else ``(links, head, message)``."""
    lines = iter(lines)
    try:
        header = json.loads(next(lines))
    except (StopIteration, ValueError) as error:
        raise ValueError("not a ledger export: no header line") from error
    if header.get("ledger") is None or header.get("format") != 1:
        raise ValueError("not a ledger export (format 1)")
    prev, count = header.get("genesis", GENESIS), 0
    for number, text in enumerate(lines, start=2):
        if not text.strip():
            continue
        try:
            link = json.loads(text)
            seq, table, pk, row = link["seq"], link["table"], link["pk"], link["row"]
            stated_prev, stated_hash = link["prev"], link["hash"]
        except (ValueError, KeyError, TypeError) as error:
            raise ValueError(f"line {number} is not a link") from error
        count += 1
        where = f"link #{seq}: {table} row {pk}"
        if seq != count:
            return count - 1, prev, f"{where}: a link before this one is missing"
        if stated_prev != prev:
            return count - 1, prev, f"{where}: the link does not follow the one before it"
        if row is None:
            return count - 1, prev, f"{where}: the row was deleted"
        if link_hash(table, pk, row, prev) != stated_hash:
            return count - 1, prev, f"{where}: the row was changed"
        prev = stated_hash
    return count, prev, None


def main(argv):
    if len(argv) != 2:
        print(f"usage: {argv[0]} EXPORT.jsonl", file=sys.stderr)
        return 2
    try:
        with open(argv[1], encoding="utf-8") as export:
            links, head, broken = verify(export)
    except (OSError, ValueError) as error:
        print(f"cannot verify: {error}", file=sys.stderr)
        return 2
    if broken:
        print(f"BROKEN at {broken} ({links} links before it hold, last good hash {head})")
        return 1
    print(f"OK: {links} links, head {head}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
