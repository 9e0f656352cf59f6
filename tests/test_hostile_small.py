"""Finding 9 of issue 25, the smaller ones: a title with a ``---`` line, UTF-32 and
BOM-less UTF-16 subtitles, ``0:0:3.540`` timestamps, ``export --out`` into a missing
``exports/``, and the WeCom @-mention that said the same thing after every digest."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from facilitator.library.cards import load_cards
from facilitator.transcripts import decode_bytes, parse_file
from tests.conftest import RunCli
from tests.delivery_servers import RobotServer, config_toml

VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v 张伟>清洗工艺要改\n\n00:00:03.500 --> 00:00:05.000\n<v 吴工>好的\n"


def _meeting_with_a_record(run_cli: RunCli, tmp_path: Path, title: str) -> None:
    notes = tmp_path / "n.md"
    notes.write_text("障碍：钢管生锈\n@吴工：检查软化水设备 截止 11-25\n", encoding="utf-8")
    for args in (("meet", "--new", title, "--no-tui"), ("import", str(notes), "--meeting", "1")):
        proc = run_cli(*args)
        assert proc.returncode == 0, proc.stderr


def test_a_title_with_a_dashes_line_exports_a_card_its_index_reads(run_cli: RunCli, home: Path,
                                                                   tmp_path: Path) -> None:
    _meeting_with_a_record(run_cli, tmp_path, "钢管\n---\n生锈")
    proc = run_cli("export", "1", "--format", "card")
    assert proc.returncode == 0, proc.stderr
    cards, errors = load_cards([home / "cases"])
    assert errors == [] and [c.title for c in cards] == ["钢管\n---\n生锈"]


@pytest.mark.parametrize(("codec", "bom"), [
    ("utf-32-le", codecs.BOM_UTF32_LE), ("utf-32-be", codecs.BOM_UTF32_BE),
    ("utf-16-le", b""), ("utf-16-be", b""), ("utf-32-le", b""), ("utf-32-be", b""),
])
def test_wide_subtitles_with_or_without_a_mark_are_read(codec: str, bom: bytes, tmp_path: Path) -> None:
    data = bom + VTT.encode(codec)
    path = tmp_path / "talk.vtt"
    path.write_bytes(data)
    cues = parse_file(path).cues
    assert [(c.speaker, c.text) for c in cues] == [("张伟", "清洗工艺要改"), ("吴工", "好的")]
    assert decode_bytes(data, "talk.vtt")[0].startswith("WEBVTT")


def test_single_digit_timestamps_are_read(tmp_path: Path) -> None:
    path = tmp_path / "short.srt"
    path.write_text("1\n0:0:3.540 --> 0:0:5,000\n钢管生锈了\n\n2\n0:1:2.5 --> 0:1:4.0\n明天处理\n", encoding="utf-8")
    cues = parse_file(path).cues
    assert [(c.start, c.text) for c in cues] == [(3.54, "钢管生锈了"), (62.5, "明天处理")]


def test_export_out_makes_the_missing_exports_folder(run_cli: RunCli, home: Path, tmp_path: Path) -> None:
    _meeting_with_a_record(run_cli, tmp_path, "钢管生锈")
    target = home / "exports" / "x.md"
    assert not target.parent.exists()
    proc = run_cli("export", "1", "--format", "md", "--out", str(target))
    assert proc.returncode == 0, proc.stderr
    assert "检查软化水设备" in target.read_text(encoding="utf-8")
    typo = run_cli("export", "1", "--format", "md", "--out", str(home / "no" / "such" / "x.md"))
    assert typo.returncode == 2 and "does not exist" in typo.stderr and len(typo.stderr.splitlines()) == 1


def test_one_wecom_mention_per_digest_naming_it(home: Path) -> None:
    from facilitator.config import load_settings
    from facilitator.service import Service

    with RobotServer() as robots:
        (home / "config.toml").write_text(config_toml(None, robots), encoding="utf-8")
    svc = Service(home, load_settings(home, env={}))
    try:
        m = svc.record.new_meeting("钢管生锈协调会", order="PO-1123", on=date(2026, 11, 23))
        assert m.id is not None
        for i in range(40):
            svc.record.capture(m.id, f"@吴工：把第{i}批钢管的清洗、检验和出厂记录整理成一份报告发给客户 截止 12-0{i % 9 + 1}")
        svc.record.capture(m.id, "@郑工：更新检验记录表 截止 12-01")
        split = svc.followup.plan_followup(m.id, as_of=date(2026, 11, 27))
        wecom = [x for x in split.messages if x.channel == "wecom"]
        mentions = [x for x in wecom if x.style == "text"]
        assert len(wecom) > 2 and len(mentions) == 1 and wecom[-1] is mentions[0]  # after the last part only
        assert mentions[0].mobiles == ["13800000001", "13800000003"] and "钢管生锈协调会" in mentions[0].body
        reminders = svc.followup.plan_reminders(as_of=date(2026, 11, 30))
        other = [x for x in reminders.messages if x.channel == "wecom" and x.style == "text"]
        assert other and other[0].body != mentions[0].body  # not the same text after every digest
    finally:
        svc.close()
