"""Backing up and restoring the portal's database, whichever it is.

- PostgreSQL: ``pg_dump --format=custom`` and ``pg_restore --clean --if-exists`` (the client
  tools of the server's version or newer must be on the PATH);
- SQLite: the online backup API (``sqlite3.Connection.backup``): a consistent copy while the
  portal keeps running, and a restore that replaces every page of the database at once.

``python manage.py backup [PATH]`` and ``python manage.py restore PATH`` call these.
Uploaded files live in the database too (report workbooks, import files), so one file is a
whole backup.
"""

import os
import sqlite3
import subprocess
from pathlib import Path

from django.db import connections

from core import clock


class BackupError(RuntimeError):
    pass


def _vendor(alias):
    return connections[alias].vendor


def default_path(alias="default", directory="var/backups"):
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    suffix = "dump" if _vendor(alias) == "postgresql" else "sqlite3"
    return Path(directory) / f"portal-{stamp}.{suffix}"


def _pg_env(settings_dict):
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return env


def _pg_args(settings_dict):
    args = []
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [flag, str(settings_dict[key])]
    return args


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


def backup(path, alias="default"):
    """Write a consistent copy of the database to ``path``; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = connections[alias]
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={path}",
                *_pg_args(settings_dict),
                settings_dict["NAME"],
            ],
            _pg_env(settings_dict),
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as target:
            connection.connection.backup(target)
        target.close()
    else:
        raise BackupError(f"no backup for {connection.vendor}")
    return path


def restore(path, alias="default"):
    """Replace the database's content with the backup at ``path``."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} is not a file")
    connection = connections[alias]
    if connection.in_atomic_block:
        raise BackupError("restore runs outside any transaction")
    if connection.vendor == "postgresql":
        settings_dict = connection.settings_dict
        connection.close()  # pg_restore drops the tables: no session of ours may hold them
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={settings_dict['NAME']}",
                *_pg_args(settings_dict),
                str(path),
            ],
            _pg_env(settings_dict),
        )
    elif connection.vendor == "sqlite":
        connection.ensure_connection()
        with sqlite3.connect(path) as source:
            source.backup(connection.connection)
        source.close()
    else:
        raise BackupError(f"no restore for {connection.vendor}")
