"""``facilitator db``: moving a record between the home's SQLite file and a team's server.

``db copy --to postgresql://…`` brings a personal home into the team store, ``--to DIR``
takes the record (a team's, when ``FACILITATOR_DATABASE_URL`` is set) into a home folder.
It prints one line per table: how many rows were copied, and how many were there already.
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from facilitator.service import Service


def add_parsers(sub: Any) -> None:
    db = sub.add_parser("db", help="the meeting store: copy it into a team's PostgreSQL server or a home")
    dbs = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True,
                            help="what to do with the store (copy)")
    cp = dbs.add_parser("copy", help="copy every meeting of this store into another (safe to run again)")
    cp.add_argument("--to", required=True, metavar="TARGET",
                    help="a postgresql:// URL (password from PGPASSWORD or ~/.pgpass), a home folder or a .db file")
    cp.add_argument("--json", action="store_true", help="print the counts as JSON")


def cmd_db(service: Service, args: argparse.Namespace) -> int:
    counts = service.record.copy_to(args.to)
    if args.json:
        print(json.dumps({t: {"copied": c, "already_there": s} for t, (c, s) in counts.items()}, ensure_ascii=False))
        return 0
    from facilitator.cli_text import copy_line

    for table, (copied, skipped) in counts.items():
        print(copy_line(table, copied, skipped))
    print(copy_line("total", sum(c for c, _ in counts.values())))
    return 0


COMMANDS = {"db": cmd_db}
