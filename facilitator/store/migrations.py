"""Numbered schema migrations for the meeting store.

Each migration runs once, in order, inside one transaction, and is recorded in
``schema_migrations`` so an older database is brought forward on open and a newer
one (from a later release) is refused rather than damaged.
"""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "meeting record",
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            customer TEXT NOT NULL DEFAULT '',
            order_ref TEXT NOT NULL DEFAULT '',
            goal TEXT NOT NULL DEFAULT '',
            deadline TEXT,
            date TEXT,
            language TEXT NOT NULL DEFAULT 'zh' CHECK (language IN ('zh', 'en')),
            stage TEXT NOT NULL DEFAULT 'convene',
            status TEXT NOT NULL DEFAULT 'open',
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE participants (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            department TEXT NOT NULL DEFAULT '',
            role TEXT NOT NULL DEFAULT ''
        );
        CREATE TABLE notes (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            text TEXT NOT NULL,
            stage TEXT,
            created_at TEXT NOT NULL
        );
        CREATE TABLE responsibilities (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            item TEXT NOT NULL,
            owner TEXT,
            basis TEXT,
            status TEXT NOT NULL CHECK (status IN ('agreed', 'disputed'))
        );
        CREATE TABLE actions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            owner TEXT,
            due TEXT,
            status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'dropped')),
            created_at TEXT NOT NULL,
            done_at TEXT
        );
        CREATE INDEX actions_owner ON actions(owner);
        CREATE TABLE items (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            kind TEXT NOT NULL CHECK (kind IN ('decision', 'obstacle', 'question')),
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE cited_cases (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            case_id TEXT NOT NULL,
            PRIMARY KEY (meeting_id, case_id)
        );
        CREATE TABLE drafts (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            mode TEXT NOT NULL,
            markdown TEXT NOT NULL,
            raw TEXT,
            created_at TEXT NOT NULL
        );
        """,
    ),
    (
        2,
        "follow-up tracking",
        # SQLite cannot change a CHECK constraint in place, so ``actions`` is rebuilt
        # with the new ``blocked`` status and a reason; every existing action gets a
        # history that starts with its creation (and its completion, if done).
        """
        CREATE TABLE actions_v2 (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            action TEXT NOT NULL,
            owner TEXT,
            due TEXT,
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'done', 'blocked', 'dropped')),
            reason TEXT,
            created_at TEXT NOT NULL,
            done_at TEXT
        );
        INSERT INTO actions_v2(id, meeting_id, action, owner, due, status, created_at, done_at)
            SELECT id, meeting_id, action, owner, due, status, created_at, done_at FROM actions;
        DROP TABLE actions;
        ALTER TABLE actions_v2 RENAME TO actions;
        CREATE INDEX actions_owner ON actions(owner);
        CREATE INDEX actions_meeting ON actions(meeting_id);
        CREATE INDEX actions_due ON actions(status, due);
        CREATE TABLE action_events (
            id INTEGER PRIMARY KEY,
            action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('created', 'status', 'due', 'edit')),
            status TEXT NOT NULL,
            due TEXT,
            reason TEXT,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL
        );
        CREATE INDEX action_events_action ON action_events(action_id);
        INSERT INTO action_events(action_id, at, kind, status, due, meeting_id)
            SELECT id, created_at, 'created', 'open', due, meeting_id FROM actions;
        INSERT INTO action_events(action_id, at, kind, status, due, meeting_id)
            SELECT id, COALESCE(done_at, created_at), 'status', status, due, meeting_id
            FROM actions WHERE status != 'open';
        CREATE INDEX meetings_order ON meetings(order_ref);
        CREATE INDEX meetings_customer ON meetings(customer);
        CREATE TABLE stage_times (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            stage TEXT NOT NULL,
            seconds REAL NOT NULL DEFAULT 0,
            PRIMARY KEY (meeting_id, stage)
        );
        ALTER TABLE meetings ADD COLUMN closed_at TEXT
        """,
    ),
    (
        3,
        "meeting and responsibility history",
        # Closing and reopening a meeting, and settling a disputed responsibility in place,
        # keep a dated trail instead of overwriting what was there. Existing rows get a
        # first event so every history starts at the beginning.
        """
        CREATE TABLE meeting_events (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL
        );
        CREATE INDEX meeting_events_meeting ON meeting_events(meeting_id);
        INSERT INTO meeting_events(meeting_id, at, kind)
            SELECT id, COALESCE(closed_at, updated_at), 'closed' FROM meetings WHERE status = 'closed';
        CREATE TABLE responsibility_events (
            id INTEGER PRIMARY KEY,
            responsibility_id INTEGER NOT NULL REFERENCES responsibilities(id) ON DELETE CASCADE,
            at TEXT NOT NULL,
            kind TEXT NOT NULL,
            owner TEXT,
            basis TEXT,
            status TEXT NOT NULL,
            meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL
        );
        CREATE INDEX responsibility_events_row ON responsibility_events(responsibility_id);
        INSERT INTO responsibility_events(responsibility_id, at, kind, owner, basis, status, meeting_id)
            SELECT r.id, m.created_at, 'created', r.owner, r.basis, r.status, r.meeting_id
            FROM responsibilities r JOIN meetings m ON m.id = r.meeting_id
        """,
    ),
    (
        4,
        "item kinds from the registry",
        # The kinds of ``items`` are declared once, in ``model.ITEM_KINDS``, and the store
        # checks them before every insert; the CHECK copied from that list in migration 1
        # would otherwise force a table rebuild for each new kind. Rebuilt once, without it.
        """
        CREATE TABLE items_v4 (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        INSERT INTO items_v4(id, meeting_id, kind, text, created_at)
            SELECT id, meeting_id, kind, text, created_at FROM items;
        DROP TABLE items;
        ALTER TABLE items_v4 RENAME TO items;
        CREATE INDEX items_meeting ON items(meeting_id)
        """,
    ),
    (
        5,
        "send log",
        # One row per delivery attempt, written (pending) before the message leaves and
        # settled (ok / failed) with the server's answer after: a crash in between leaves
        # a pending row, which counts as not sent, so the next run tries again. The body
        # is kept, so a message that failed is never lost.
        """
        CREATE TABLE sends (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('followup', 'remind', 'escalate')),
            channel TEXT NOT NULL CHECK (channel IN ('email', 'wecom', 'feishu', 'dingtalk')),
            recipient TEXT NOT NULL,
            address TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'failed')),
            answer TEXT,
            settled_at TEXT
        );
        CREATE INDEX sends_hash ON sends(content_hash, status);
        CREATE TABLE send_actions (
            send_id INTEGER NOT NULL REFERENCES sends(id) ON DELETE CASCADE,
            action_id INTEGER NOT NULL REFERENCES actions(id) ON DELETE CASCADE,
            PRIMARY KEY (send_id, action_id)
        );
        CREATE INDEX send_actions_action ON send_actions(action_id)
        """,
    ),
    (
        6,
        "imported files",
        # The content hash of every file imported into a meeting, so importing the same
        # file again is noticed instead of doubling every item.
        """
        CREATE TABLE imported_files (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            sha256 TEXT NOT NULL,
            name TEXT NOT NULL,
            size INTEGER NOT NULL,
            imported_at TEXT NOT NULL
        );
        CREATE INDEX imported_files_meeting ON imported_files(meeting_id, sha256)
        """,
    ),
    (
        7,
        "obstacle kinds and levers",
        # The kind is validated in code (facilitator/obstacles.py), not by a CHECK, so a
        # new kind needs no table rebuild; obstacles recorded before this have none and
        # are classified from their text when read. A lever outlives neither its meeting nor its
        # obstacle's deletion silently: deleting the obstacle leaves the lever unattached
        # (obstacle_id NULL) for the ledger to show, and its action stays tracked.
        """
        ALTER TABLE items ADD COLUMN obstacle_kind TEXT;
        CREATE TABLE levers (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            obstacle_id INTEGER REFERENCES items(id) ON DELETE SET NULL,
            resource TEXT NOT NULL,
            holder TEXT,
            presolves TEXT,
            owner TEXT,
            due TEXT,
            action_id INTEGER REFERENCES actions(id) ON DELETE SET NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX levers_meeting ON levers(meeting_id);
        CREATE INDEX levers_obstacle ON levers(obstacle_id)
        """,
    ),
    (
        8,
        "suggestions and quotes",
        # What the extractor understood from a transcript, minutes or live notes waits here
        # as a suggestion until the facilitator accepts (it then becomes a ledger row, see
        # row_id), edits or dismisses it: nothing extracted is recorded silently. A dismissed
        # suggestion stays, so importing the same file again does not offer it a second time.
        # Rows of the ledgers keep the words they came from and whether they were typed or
        # extracted; rows from before this are typed ones.
        """
        CREATE TABLE suggestions (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            kind TEXT NOT NULL,
            text TEXT NOT NULL,
            owner TEXT,
            due TEXT,
            basis TEXT,
            status TEXT,
            obstacle_kind TEXT,
            holder TEXT,
            presolves TEXT,
            quote TEXT NOT NULL DEFAULT '',
            cue_first INTEGER,
            cue_last INTEGER,
            speaker TEXT,
            confidence REAL NOT NULL DEFAULT 0.5,
            source TEXT NOT NULL DEFAULT 'extracted',
            state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'dismissed')),
            row_id INTEGER,
            created_at TEXT NOT NULL
        );
        CREATE INDEX suggestions_meeting ON suggestions(meeting_id, state);
        ALTER TABLE actions ADD COLUMN quote TEXT;
        ALTER TABLE actions ADD COLUMN source TEXT NOT NULL DEFAULT 'typed';
        ALTER TABLE responsibilities ADD COLUMN quote TEXT;
        ALTER TABLE responsibilities ADD COLUMN source TEXT NOT NULL DEFAULT 'typed';
        ALTER TABLE levers ADD COLUMN quote TEXT;
        ALTER TABLE levers ADD COLUMN source TEXT NOT NULL DEFAULT 'typed'
        """,
    ),
    (
        9,
        "send claims",
        # A message is claimed before it leaves: one row per (recipient, content hash), so of
        # two runs sending at once (cron's reminder while someone presses Ctrl+S) one wins
        # and the other skips. The claim stays while its attempt is pending or delivered and
        # is dropped when the attempt fails (the next run sends again). A claim whose attempt
        # is still pending on a later run was cut off (kill -9, power loss) after it may have
        # gone out: reported as unconfirmed, never sent again without being asked.
        # Self-contained: existing delivered and pending attempts become claims.
        """
        CREATE TABLE send_claims (
            recipient TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            send_id INTEGER NOT NULL REFERENCES sends(id) ON DELETE CASCADE,
            claimed_at TEXT NOT NULL,
            PRIMARY KEY (recipient, content_hash)
        );
        INSERT OR IGNORE INTO send_claims(recipient, content_hash, send_id, claimed_at)
            SELECT recipient, content_hash, MIN(id), MIN(at) FROM sends WHERE status = 'ok'
            GROUP BY recipient, content_hash;
        INSERT OR IGNORE INTO send_claims(recipient, content_hash, send_id, claimed_at)
            SELECT recipient, content_hash, MAX(id), MAX(at) FROM sends WHERE status = 'pending'
            GROUP BY recipient, content_hash
        """,
    ),
    (
        10,
        "send log open to every channel",
        # The send log named the four channels of its day in a CHECK; channels are a registry
        # now (facilitator/channels/), so a fifth one must be loggable. SQLite cannot drop a
        # CHECK, so the table is rebuilt under its name. The runner turns foreign keys off and
        # legacy_alter_table on for this one (LEGACY_ALTER), so the rename leaves send_actions and
        # send_claims pointing at "sends", which the new table then is, dropping the old copy
        # cascades to nothing, and a foreign_key_check before commit proves every link holds.
        """
        ALTER TABLE sends RENAME TO sends_before_10;
        CREATE TABLE sends (
            id INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('followup', 'remind', 'escalate')),
            channel TEXT NOT NULL,
            recipient TEXT NOT NULL,
            address TEXT NOT NULL,
            subject TEXT NOT NULL DEFAULT '',
            body TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pending', 'ok', 'failed')),
            answer TEXT,
            settled_at TEXT
        );
        INSERT INTO sends SELECT * FROM sends_before_10;
        DROP INDEX sends_hash;
        DROP TABLE sends_before_10;
        CREATE INDEX sends_hash ON sends(content_hash, status)
        """,
    ),
    (
        11,
        "authors and copies",
        # A team shares one record, so every row and every change of state says who wrote it
        # (``[me] name``; NULL for rows from before, or from a home with no name set). A store
        # knows its own id, and remembers which rows it received from which other store
        # (``facilitator db copy``), so copying the same home twice adds nothing the second time.
        """
        ALTER TABLE meetings ADD COLUMN author TEXT;
        ALTER TABLE participants ADD COLUMN author TEXT;
        ALTER TABLE notes ADD COLUMN author TEXT;
        ALTER TABLE responsibilities ADD COLUMN author TEXT;
        ALTER TABLE actions ADD COLUMN author TEXT;
        ALTER TABLE items ADD COLUMN author TEXT;
        ALTER TABLE levers ADD COLUMN author TEXT;
        ALTER TABLE drafts ADD COLUMN author TEXT;
        ALTER TABLE action_events ADD COLUMN author TEXT;
        ALTER TABLE responsibility_events ADD COLUMN author TEXT;
        ALTER TABLE meeting_events ADD COLUMN author TEXT;
        CREATE INDEX actions_author ON actions(author);
        CREATE TABLE store_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        INSERT INTO store_meta(key, value) VALUES ('store_id', lower(hex(randomblob(16))));
        CREATE TABLE copied_rows (
            source TEXT NOT NULL,
            tbl TEXT NOT NULL,
            old_id INTEGER NOT NULL,
            new_id INTEGER NOT NULL,
            PRIMARY KEY (source, tbl, old_id)
        )
        """,
    ),
    (
        12,
        "lines written once",
        # Typed lines that could not reach a team's server wait in a journal on the laptop and
        # are written when it answers again. Each batch carries a key, recorded here in the
        # same transaction as its rows: a batch whose first attempt did commit (the answer was
        # lost with the network) is recognised and not written a second time.
        """
        CREATE TABLE written_batches (
            key TEXT PRIMARY KEY,
            at TEXT NOT NULL
        )
        """,
    ),
    (
        13,
        "change notices",
        # An open meeting screen shows what other laptops write as soon as they commit. On a
        # team's PostgreSQL a trigger on each table a meeting screen shows sends a notice
        # naming the meeting (``dialect.PG_MIGRATIONS``); a SQLite file on one laptop has
        # its own cheap signal, ``PRAGMA data_version``, and nothing to create.
        "",
    ),
]

LEGACY_ALTER: frozenset[int] = frozenset({10})
"""Migrations that rebuild a table other tables point at: run with foreign keys off and
``legacy_alter_table`` on, so renaming the old copy away does not carry the other tables'
references with it (SQLite's documented way to change a table's constraints)."""

LATEST = MIGRATIONS[-1][0]
"""The last migration (``store.base.SCHEMA``, which the store reads without loading this module)."""


def statements(sql: str) -> list[str]:
    """A migration's statements, one by one (no statement holds a ``;`` of its own)."""
    return [s.strip() for s in sql.split(";") if s.strip()]
