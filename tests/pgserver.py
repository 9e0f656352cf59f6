"""A real PostgreSQL for the store's tests: the local server, else a throwaway cluster.

The machine's server on 127.0.0.1:5432 (trust auth) is used when it answers, with a
database of its own for the test session (``facilitator_test_<random>``, dropped after).
Else, when PostgreSQL's binaries are installed, a cluster is made with ``initdb`` under a
temporary folder and started with ``pg_ctl`` on a free port (as the ``postgres`` user
when the tests run as root) and removed after. Else the PostgreSQL tests skip, with one
line saying why (``SKIP_LINE``), which ``.ci/run`` refuses on CI.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SKIP_LINE = "PostgreSQL tests skipped"
LOCAL = os.environ.get("FACILITATOR_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


@dataclass
class Server:
    admin: str
    """A URL to the server's ``postgres`` database, to create and drop databases."""
    cluster: Path | None = None
    """The throwaway cluster's folder, when the tests started one."""
    port: int = 5432

    def url(self, database: str, **query: str) -> str:
        base = self.admin.rsplit("/", 1)[0] + "/" + database
        return base + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def _answers(url: str) -> str | None:
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=3) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        return " ".join(str(exc).split())[:160]
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def start_cluster() -> tuple[Server | None, str]:
    """A throwaway cluster from PostgreSQL's own binaries; ``(None, why)`` when there are none."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if not (initdb and pg_ctl):
        return None, "no server on 127.0.0.1:5432 and no initdb/pg_ctl installed"
    folder = Path(tempfile.mkdtemp(prefix="facilitator-pg-"))
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
    data, port = folder / "data", _free_port()
    try:
        subprocess.run(_as_postgres([initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                                     "--no-locale"]), check=True, capture_output=True, timeout=120)
        subprocess.run(_as_postgres([pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-o",
                                     _options(port, folder), "start"]), check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        shutil.rmtree(folder, ignore_errors=True)
        return None, f"could not start a throwaway cluster ({exc})"
    return Server(f"postgresql://postgres@127.0.0.1:{port}/postgres", folder, port), ""


def _options(port: int, folder: Path) -> str:
    return f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off"


def _pg_ctl(server: Server, *args: str) -> None:
    assert server.cluster is not None
    pg_ctl = shutil.which("pg_ctl") or "pg_ctl"
    subprocess.run(_as_postgres([pg_ctl, "-D", str(server.cluster / "data"), "-l", str(server.cluster / "log"),
                                 "-w", *args]), check=True, capture_output=True, timeout=120)


def pause_cluster(server: Server, mode: str = "fast") -> None:
    """The server of a cluster of our own goes away (``immediate``: as if it crashed)."""
    _pg_ctl(server, "-m", mode, "stop")


def resume_cluster(server: Server) -> None:
    """The server comes back on the same port and socket folder."""
    assert server.cluster is not None
    _pg_ctl(server, "-o", _options(server.port, server.cluster), "start")


def stop_cluster(server: Server) -> None:
    if server.cluster is None:
        return
    pg_ctl = shutil.which("pg_ctl") or "pg_ctl"
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        subprocess.run(_as_postgres([pg_ctl, "-D", str(server.cluster / "data"), "-m", "immediate", "stop"]),
                       capture_output=True, timeout=60)
    shutil.rmtree(server.cluster, ignore_errors=True)


def find_server() -> tuple[Server | None, str]:
    why = _answers(LOCAL)
    if why is None:
        return Server(LOCAL), ""
    server, why_not = start_cluster()
    return server, why_not or why


@contextlib.contextmanager
def session_database(server: Server) -> Iterator[str]:
    """A database of the test session's own on ``server``; dropped after."""
    import psycopg

    name = f"facilitator_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(server.admin, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield server.url(name)
    finally:
        with psycopg.connect(server.admin, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@contextlib.contextmanager
def fresh_schema(database_url: str) -> Iterator[str]:
    """An empty schema in the session's database, as one test's store: a URL whose
    ``search_path`` is that schema (dropped after)."""
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    try:
        yield f"{database_url}?options=-csearch_path%3D{schema}"
    finally:
        with psycopg.connect(database_url, autocommit=True) as conn:
            conn.execute(f"DROP SCHEMA {schema} CASCADE")
