"""Exports cannot be turned against their reader: crafted notes stay text in a spreadsheet
and in a rendered Markdown summary (the probes of issue 19, run through the real CLI)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from facilitator.drafting.render import inline
from facilitator.export import csv_cell
from tests.conftest import RunCli

HOSTILE_NOTES = """\
供应商协调会 2026-11-23
参会: 销售 张伟；采购部 吴工
@Li: =HYPERLINK("http://evil.example","x") by Friday
@+cmd: 确认报价 by Friday
@吴工: @SUM(1+1) 截止周五
@郑工: -2+3 截止下周一
决定：详见 https://evil.example/plan 和 <http://evil.example/b> 以及 www.evil.example
障碍：供应商只认 <https://evil.example/c>，联系 boss@evil.example
"""


def _import(run_cli: RunCli, tmp_path: Path) -> int:
    notes = tmp_path / "hostile.md"
    notes.write_text(HOSTILE_NOTES, encoding="utf-8")
    proc = run_cli("import", str(notes), "--new", "恶意纪要", "--date", "2026-11-23", "--json")
    assert proc.returncode == 0, proc.stderr
    return int(json.loads(proc.stdout)["meeting_id"])


def test_csv_export_has_no_live_formula(run_cli: RunCli, tmp_path: Path) -> None:
    mid = _import(run_cli, tmp_path)
    proc = run_cli("export", str(mid), "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    cells = [v for r in rows for v in r.values()]
    assert cells and not [c for c in cells if c[:1] in ("=", "+", "-", "@", "\t", "\r")], cells
    by_owner = {r["负责人"]: r["行动"] for r in rows}  # a Chinese meeting's sheet has Chinese headers
    # the text is all still there, one quote in front, as spreadsheets show it
    assert by_owner["Li"] == "'=HYPERLINK(\"http://evil.example\",\"x\")"
    assert by_owner["'+cmd"] == "确认报价"
    assert by_owner["吴工"] == "'@SUM(1+1)"
    assert by_owner["郑工"] == "'-2+3"


def test_actions_csv_of_the_follow_up_command_is_neutralised_too(run_cli: RunCli, tmp_path: Path) -> None:
    _import(run_cli, tmp_path)
    proc = run_cli("actions", "--format", "csv")
    assert proc.returncode == 0, proc.stderr
    assert "\r\n'=HYPERLINK" not in proc.stdout
    rows = list(csv.DictReader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    assert not [v for r in rows for v in r.values() if v[:1] in ("=", "+", "-", "@")]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@A1", "\tx", "\rx"])
def test_each_formula_start_gets_a_quote(value: str) -> None:
    assert csv_cell(value) == "'" + value
    assert csv_cell("x" + value) == "x" + value  # only the first character matters


def _links(markdown: str) -> list[str]:
    """Every link a GitHub-style renderer (CommonMark + linkify) makes of ``markdown``."""
    html = MarkdownIt("gfm-like").render(markdown)
    return re.findall(r"<a href=\"([^\"]*)\"", html) + re.findall(r"<img ", html)


def test_markdown_export_renders_no_link(run_cli: RunCli, tmp_path: Path) -> None:
    mid = _import(run_cli, tmp_path)
    md = run_cli("export", str(mid), "--format", "md").stdout
    assert "https://evil.example/plan" in md and "evil.example/c" in md  # kept, as text
    assert _links(md) == []
    drafted = run_cli("draft", str(mid)).stdout
    assert "evil.example/plan" in drafted and _links(drafted) == []


@pytest.mark.parametrize(
    "text",
    [
        "see https://evil.example/x?a=1.",
        "<http://evil.example>",
        "链接https://evil.example，谢谢",
        "go to www.evil.example now",
        "mail boss@evil.example",
        "[click](http://evil.example) ![i](http://evil.example/i.png)",
        "<javascript:alert(1)> <b>bold</b>",
        "a (https://evil.example/z) b | c",
    ],
)
def test_inline_text_never_becomes_a_link(text: str) -> None:
    rendered = inline(text)
    assert _links(rendered) == [], rendered
    assert _links(f"| a |\n|---|\n| {rendered.replace('|', chr(92) + '|')} |\n") == []


def test_out_onto_an_existing_file_needs_force(run_cli: RunCli, tmp_path: Path) -> None:
    mid = _import(run_cli, tmp_path)
    precious = tmp_path / "existing.md"
    precious.write_text("写了一半的报告\n", encoding="utf-8")
    for args in (("export", str(mid), "--format", "md"), ("draft", str(mid)), ("actions", "--format", "csv")):
        proc = run_cli(*args, "--out", str(precious))
        assert proc.returncode == 2 and "already exists" in proc.stderr and "--force" in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1
        assert precious.read_text(encoding="utf-8") == "写了一半的报告\n"
    assert run_cli("export", str(mid), "--format", "md", "--out", str(precious), "--force").returncode == 0
    assert "恶意纪要" in precious.read_text(encoding="utf-8")
    fresh = tmp_path / "fresh.csv"
    assert run_cli("export", str(mid), "--format", "csv", "--out", str(fresh)).returncode == 0  # new file: no flag

    folder = tmp_path / "followups"
    assert run_cli("followup", str(mid), "--out", str(folder)).returncode == 0
    written = sorted(folder.iterdir())
    assert written
    edited = written[0].read_text(encoding="utf-8") + "\n补充：已电话确认\n"
    written[0].write_text(edited, encoding="utf-8")
    again = run_cli("followup", str(mid), "--out", str(folder))
    assert again.returncode == 2 and "--force" in again.stderr
    assert written[0].read_text(encoding="utf-8") == edited
    assert run_cli("followup", str(mid), "--out", str(folder), "--force").returncode == 0
    assert "已电话确认" not in written[0].read_text(encoding="utf-8")
