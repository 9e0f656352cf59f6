"""Replay the nine findings of issue 25 against this checkout; one line per finding.

    .venv/bin/python -m tests.probe_hostile

Each finding is played the way it was found: the real CLI in subprocesses, a local
OpenAI-compatible endpoint that leaks the key in every encoding, real loopback SMTP and
robot servers made slow (so two sends overlap, so a kill lands before the answer),
hostile cards, inputs ten times larger with the work counted, bad settings, bytes
that are not UTF-8, notes full of terminal escapes. It prints ``held`` or ``FAILED``
per finding with what was measured, and exits 1 when any failed. Not a pytest file
(its name does not start with ``test_``): the tests beside it check each case in
detail; this shows the whole picture in one run (about a minute).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Callable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests.conftest import CLEARED_ENV  # noqa: E402
from tests.delivery_servers import RobotServer, SmtpServer, config_toml  # noqa: E402
from tests.openai_server import KEY_ENCODINGS, FakeOpenAI, leaking  # noqa: E402

KEY = "sk-proj-Q7vN2xR9tL4mW8kP3sB6yH1c"
FOLLOWUP_NOTES = REPO / "tests" / "data" / "followup-notes.md"
Result = tuple[bool, str]


def env(**extra: str) -> dict[str, str]:
    out = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV}
    out["PYTHONIOENCODING"] = "utf-8"
    out.update(extra)
    return out


def cli(home: Path, *args: str, environ: dict[str, str] | None = None,
        timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "facilitator", "--home", str(home), *args], capture_output=True,
                          text=True, encoding="utf-8", errors="replace", env=environ or env(), cwd=REPO,
                          timeout=timeout)


def start(home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "facilitator", "--home", str(home), *args], env=env(),
                            cwd=REPO, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@contextlib.contextmanager
def fresh_home() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="probe-") as tmp:
        home = Path(tmp) / "home"
        home.mkdir()
        yield home


def one_line_exit_2(proc: subprocess.CompletedProcess[str]) -> bool:
    return (proc.returncode == 2 and len(proc.stderr.strip().splitlines()) == 1
            and "Traceback" not in proc.stderr and "internal error" not in proc.stderr)


def meeting(home: Path) -> None:
    for args in (("meet", "--new", "钢管生锈协调会", "--order", "PO-1123", "--date", "2026-11-23", "--no-tui"),
                 ("import", str(FOLLOWUP_NOTES), "--meeting", "1")):
        proc = cli(home, *args)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr.strip())


# -- the findings ----------------------------------------------------------------------


def key_in_a_stream() -> Result:
    """1. The API key, streamed in 3-character chunks in every encoding, never shown."""
    def decoded(text: str) -> str:
        for _ in range(2):
            text = re.sub(r"\\+u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
        return urllib.parse.unquote(text)

    leaks, dropped = [], []
    for encoding in KEY_ENCODINGS:
        with fresh_home() as home, FakeOpenAI() as server:
            (home / "config.toml").write_text("[llm]\nretries = 0\ntimeout = 5\n", encoding="utf-8")
            notes = home / "notes.md"
            notes.write_text("协调会\n清洗工艺 => 生产部\n@吴工：检查 截止 11-25\n", encoding="utf-8")
            reply, shown = leaking(KEY, encoding)
            server.add(reply)
            proc = cli(home, "draft", "--from", str(notes), "--llm",
                       environ=env(OPENAI_BASE_URL=server.base_url, OPENAI_API_KEY=KEY,
                                   FACILITATOR_LLM_MODEL="test-model"))
            seen = decoded(proc.stdout + proc.stderr)
            if any(KEY[i:i + 6] in seen for i in range(len(KEY) - 5)):
                leaks.append(encoding)
            if shown not in proc.stderr:
                dropped.append(encoding)
    return not leaks and not dropped, (f"{len(KEY_ENCODINGS)} encodings streamed: key shown in "
                                       f"{len(leaks)} {leaks or ''}, text dropped in {len(dropped)}")


def two_sends_at_once() -> Result:
    """2. Two `followup --send` at the same time against slow servers."""
    with fresh_home() as home, SmtpServer() as smtp, RobotServer() as robots:
        (home / "config.toml").write_text(config_toml(smtp, robots), encoding="utf-8")
        meeting(home)
        smtp.inbox.delay = robots.state.delay = 0.3
        runs = [start(home, "followup", "1", "--send") for _ in range(2)]
        for run in runs:
            run.communicate(timeout=120)
        mails = len(smtp.mails)
        posts = [str(r.body) for r in robots.state.received]
        db = sqlite3.connect(home / "meetings.db")
        messages = db.execute("SELECT COUNT(DISTINCT content_hash) FROM sends").fetchone()[0]
        db.close()
        duplicates = mails - len({m.recipients[0] for m in smtp.mails}) + len(posts) - len(set(posts))
        return duplicates == 0, f"{messages} messages: {mails} mails and {len(posts)} robot posts, {duplicates} twice"


def kill_during_a_post() -> Result:
    """3. kill -9 while a robot post waits for its answer; then run again."""
    with fresh_home() as home, RobotServer() as robots:
        (home / "config.toml").write_text(config_toml(None, robots), encoding="utf-8")
        meeting(home)
        robots.state.delay = 30.0
        sender = start(home, "followup", "1", "--send")
        deadline = time.monotonic() + 60
        while not robots.state.received and time.monotonic() < deadline:
            time.sleep(0.05)
        os.kill(sender.pid, signal.SIGKILL)
        sender.communicate(timeout=30)
        robots.state.delay = 0.0
        first = robots.state.received[0].body
        again = cli(home, "followup", "1", "--send")
        twice = [r.body for r in robots.state.received].count(first)
        said = "unconfirmed" in again.stderr
        retry = cli(home, "followup", "1", "--send", "--retry-unconfirmed")
        after = [r.body for r in robots.state.received].count(first)
        held = twice == 1 and said and after == 2 and retry.returncode == 0
        return held, (f"next run posted it {twice - 1} more time(s), said unconfirmed: {said}; "
                      f"--retry-unconfirmed posted it again: {after == 2}")


CARDS_CHILD = """
import sys
from pathlib import Path
from facilitator.library.cards import load_cards
cards, errors = load_cards([Path(sys.argv[1])])
named = sum(any(f"{n}.md" in e for e in errors) for n in ("bomb", "deep", "deeper", "huge"))
print(named, len(cards), "good" if [c.id for c in cards] == ["good"] else "other")
"""


def _limited() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 << 30, 3 << 30))  # an alias bomb stops at 3 GB, not the OOM killer


def hostile_cards() -> Result:
    """4. Alias bomb, deep nesting, a huge card: each skipped by name, the rest indexed
    (read in a child process held to 3 GB of memory and 120 s)."""
    from tests.hostile_inputs import alias_bomb, deep, huge

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "good.md").write_text("---\nid: good\ntitle: 钢管生锈\n---\n\n## 真实障碍\n\n钢管生锈\n",
                                        encoding="utf-8")
        (folder / "bomb.md").write_text(alias_bomb(), encoding="utf-8")
        (folder / "deep.md").write_text(deep(), encoding="utf-8")
        (folder / "deeper.md").write_text(deep(20000).replace("id: deep", "id: deeper"), encoding="utf-8")
        (folder / "huge.md").write_text(huge(), encoding="utf-8")
        try:
            proc = subprocess.run([sys.executable, "-c", CARDS_CHILD, str(folder)], capture_output=True, text=True,
                                  env=env(), cwd=REPO, timeout=120, preexec_fn=_limited)
        except subprocess.TimeoutExpired:
            return False, "reading the cards took more than 120 s"
        if proc.returncode != 0:
            last = (proc.stderr.strip().splitlines() or ["?"])[-1]
            return False, f"reading the cards failed: {last[:120]}"
        named, read, which = proc.stdout.split()
        return which == "good" and named == "4", f"{named}/4 hostile cards skipped by name, {read} good card read"


def linear_parsers() -> Result:
    """5. 1x and 10x inputs, the work counted (calls, characters a pattern may read)."""
    import facilitator.notesfile as notesfile
    import facilitator.store.rows as store_rows
    import facilitator.transcripts as transcripts
    from facilitator.config import Settings
    from facilitator.service import Service
    from tests.test_hostile_linear import Counting

    ratios = {}
    calls = [0]
    real_key = store_rows.item_key

    def counted(text: str) -> str:
        calls[0] += 1
        return real_key(text)

    def notes_work(n: int) -> int:
        with fresh_home() as home:
            path = home / "notes.md"
            path.write_text("协调会\n" + "".join(f"事项{i} => 部门{i % 7}\n" for i in range(n)), encoding="utf-8")
            svc = Service(home, Settings())
            try:
                calls[0] = 0
                svc.record.import_file(path, new_title="导入")
                return calls[0]
            finally:
                svc.close()

    store_rows.item_key = counted  # type: ignore[assignment]
    try:
        ratios["notes =>"] = notes_work(2000) / notes_work(200)
    finally:
        store_rows.item_key = real_key
    real_date = notesfile._TRAILING_DATE
    pattern = Counting(real_date)
    notesfile._TRAILING_DATE = pattern  # type: ignore[assignment]
    try:
        sizes = []
        for n in (3000, 30000):
            pattern.chars = 0
            notesfile._title_from("协调会 " + "2026年 " * (n // 6) + "结束")
            sizes.append(pattern.chars)
        ratios["title date"] = sizes[1] / max(sizes[0], 1)
    finally:
        notesfile._TRAILING_DATE = real_date
    names = [n for n in ("_MARKUP_START", "_TAG_BODY", "_VOICE", "_TAG") if hasattr(transcripts, n)]
    real = {name: getattr(transcripts, name) for name in names}
    real_ends = getattr(transcripts, "_MARKUP_END", {})
    counters = {name: Counting(p) for name, p in real.items()}
    ends = {k: Counting(v) for k, v in real_ends.items()}
    for name, counter in counters.items():
        setattr(transcripts, name, counter)
    if ends:
        transcripts._MARKUP_END = ends  # type: ignore[assignment]
    try:
        sizes = []
        for n in (2_000, 20_000):
            for c in [*counters.values(), *ends.values()]:
                c.chars = 0
            transcripts.parse_text("WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n" + "<v " * n + "x\n", "vtt")
            sizes.append(sum(c.chars for c in [*counters.values(), *ends.values()]))
        ratios["vtt <v"] = sizes[1] / sizes[0]
    finally:
        for name, pattern_ in real.items():
            setattr(transcripts, name, pattern_)
        if ends:
            transcripts._MARKUP_END = real_ends
    return all(r <= 12 for r in ratios.values()), "work at 10x input: " + ", ".join(
        f"{k} {v:.1f}x" for k, v in ratios.items())


def robot_urls() -> Result:
    """6. file:// and ftp:// robot URLs: refused by doctor and by the send alike."""
    refused = 0
    for url in ("file:///etc/hostname", "ftp://127.0.0.1/hook"):
        with fresh_home() as home:
            (home / "config.toml").write_text(f'[webhooks]\nwecom = "{url}"\n', encoding="utf-8")
            doctor, send = cli(home, "doctor"), cli(home, "remind", "--send")
            refused += one_line_exit_2(doctor) and one_line_exit_2(send) and "hostname" not in send.stdout
    return refused == 2, f"{refused}/2 bad schemes refused by doctor and send, one line each"


def internal_errors() -> Result:
    """7. Bytes that are not UTF-8, absurd settings, a nearly full disk: one line, exit 2."""
    checks: dict[str, bool] = {}
    with fresh_home() as home:
        proc = cli(home, "meet", "--new", "bad\udcfftitle", "--no-tui")
        checks["argv"] = one_line_exit_2(proc)
        folder = home.parent / "unzipped"
        folder.mkdir()
        path = folder / os.fsdecode(b"\xc4\xe3\xba\xc3.md")
        path.write_text("协调会\n@吴工：检查 截止 11-25\n", encoding="utf-8")
        proc = cli(home, "import", str(path), "--new", "x")
        checks["GBK file name"] = proc.returncode == 0 and "你好.md" in proc.stdout + proc.stderr
    for name, toml in (("port", '[smtp]\nhost = "h"\nfrom = "a@b.c"\nport = 99999999999999999999\n'),
                       ("wecom not a url", '[webhooks]\nwecom = "not a url"\n'),
                       ("email CRLF", '[people."吴工"]\nemail = "wu@example.com\\r\\nBcc: x@y.z"\n')):
        with fresh_home() as home:
            (home / "config.toml").write_text(toml, encoding="utf-8")
            checks[name] = one_line_exit_2(cli(home, "doctor")) and one_line_exit_2(cli(home, "remind", "--send"))
    disk = full_disk_index()
    if disk is not None:
        checks["full disk index"] = disk
    failed = [k for k, ok in checks.items() if not ok]
    tail = "" if disk is not None else " (full disk: needs root to mount a tmpfs, not run)"
    return not failed, f"{len(checks) - len(failed)}/{len(checks)} one line + exit 2 {failed or ''}{tail}"


def full_disk_index() -> bool | None:
    if os.geteuid() != 0:
        return None
    from tests.test_disk_errors import _fill

    with tempfile.TemporaryDirectory() as tmp:
        point = Path(tmp) / "disk"
        point.mkdir()
        mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(point)],
                                 capture_output=True)
        if mounted.returncode != 0:
            return None
        try:
            home = point / "home"
            cli(home, "meetings")
            _fill(point, leave=96 * 1024)
            proc = cli(home, "index")
            return one_line_exit_2(proc) and "disk is full" in proc.stderr and not (home / "logs" / "crash.log").exists()
        finally:
            subprocess.run(["umount", "-l", str(point)], capture_output=True)


def terminal_escapes() -> Result:
    """8. Notes with terminal escapes: nothing printed carries a control sequence."""
    evil = "\x1b]0;pwned\x07\x1b[2J\x9b31m"
    with fresh_home() as home:
        notes = home / "notes.md"
        notes.write_text(f"协调会{evil}\n@吴工：检查{evil} 截止 11-25\n清洗{evil} => 生产部\n"
                         + "".join(f"备注{i}：防潮膜周五前能到。\n" for i in range(20)), encoding="utf-8")
        cli(home, "import", str(notes), "--new", "钢管", "--date", "2026-11-23")
        commands = [("actions",), ("action", "1"), ("export", "1", "--format", "txt"), ("followup", "1"),
                    ("meetings",)]
        dirty = [" ".join(c) for c in commands
                 if any(ch in (p := cli(home, *c)).stdout + p.stderr for ch in "\x1b\x07\x9b")]
    return not dirty, f"{len(commands) - len(dirty)}/{len(commands)} commands print no control sequence {dirty or ''}"


def smaller_ones() -> Result:
    """9. `---` title card, UTF-32/BOM-less UTF-16, 0:0:3.540, export --out exports/, WeCom mention."""
    import codecs
    from datetime import date

    from facilitator.config import load_settings
    from facilitator.library.cards import load_cards
    from facilitator.service import Service
    from facilitator.transcripts import parse_file

    checks: dict[str, bool] = {}
    with fresh_home() as home:
        notes = home.parent / "n.md"
        notes.write_text("障碍：钢管生锈\n@吴工：检查 截止 11-25\n", encoding="utf-8")
        cli(home, "meet", "--new", "钢管\n---\n生锈", "--no-tui")
        cli(home, "import", str(notes), "--meeting", "1")
        cli(home, "export", "1", "--format", "card")
        cards, errors = load_cards([home / "cases"])
        checks["--- title"] = len(cards) == 1 and not errors
        out = cli(home, "export", "1", "--format", "md", "--out", str(home / "exports" / "x.md"))
        checks["export --out exports/"] = out.returncode == 0 and (home / "exports" / "x.md").exists()
        vtt = "WEBVTT\n\n0:0:3.540 --> 0:0:5.000\n<v 张伟>清洗工艺要改\n"
        for codec, bom in (("utf-32-le", codecs.BOM_UTF32_LE), ("utf-16-le", b""), ("utf-16-be", b"")):
            path = home.parent / f"t-{codec}-{len(bom)}.vtt"
            path.write_bytes(bom + vtt.encode(codec))
            try:
                cues = parse_file(path).cues
                checks[f"{codec}{' BOM' if bom else ''} + 0:0:3.540"] = [c.start for c in cues] == [3.54]
            except Exception:  # noqa: BLE001 - a refusal is the failure being probed
                checks[f"{codec}{' BOM' if bom else ''} + 0:0:3.540"] = False
    with fresh_home() as home, RobotServer() as robots:
        (home / "config.toml").write_text(config_toml(None, robots), encoding="utf-8")
        svc = Service(home, load_settings(home, env={}))
        try:
            m = svc.record.new_meeting("钢管生锈协调会", on=date(2026, 11, 23))
            for i in range(40):
                svc.record.capture(m.id or 0, f"@吴工：把第{i}批钢管的记录整理成一份报告发给客户，附上清洗和检验的数据 截止 12-0{i % 9 + 1}")
            plan = svc.followup.plan_followup(m.id, as_of=date(2026, 11, 27))
            mentions = [x for x in plan.messages if x.channel == "wecom" and x.style == "text"]
            other = [x for x in svc.followup.plan_reminders(as_of=date(2026, 11, 30)).messages
                     if x.channel == "wecom" and x.style == "text"]
            checks["WeCom mention"] = len(mentions) == 1 and bool(other) and other[0].body != mentions[0].body
        finally:
            svc.close()
    failed = [k for k, ok in checks.items() if not ok]
    return not failed, f"{len(checks) - len(failed)}/{len(checks)} held {failed or ''}"


FINDINGS: list[tuple[str, Callable[[], Result]]] = [
    ("1 API key in a stream", key_in_a_stream),
    ("2 two sends at once", two_sends_at_once),
    ("3 kill -9 during a post", kill_during_a_post),
    ("4 hostile cards", hostile_cards),
    ("5 quadratic parsers", linear_parsers),
    ("6 file:// ftp:// robots", robot_urls),
    ("7 internal errors", internal_errors),
    ("8 terminal escapes", terminal_escapes),
    ("9 smaller ones", smaller_ones),
]


def main() -> int:
    failed = 0
    for name, probe in FINDINGS:
        try:
            held, detail = probe()
        except Exception as exc:  # noqa: BLE001 - a probe that breaks is a finding that failed
            held, detail = False, f"probe raised {type(exc).__name__}: {str(exc)[:160]}"
        failed += not held
        print(f"{name:<26} {'held' if held else 'FAILED':<6}  {detail}", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
