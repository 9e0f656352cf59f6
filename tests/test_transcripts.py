"""Transcript import: encodings, the three caption styles, plain notes and refusals."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from facilitator.model import Cue, UserError, json_of
from facilitator.transcripts import decode_bytes, parse_file, parse_text, sniff_format

DATA = Path(__file__).parent / "data" / "transcripts"

# ----------------------------------------------------------------- one text, every encoding

DIALOGUE = [
    ("张伟", "订单 PO-2311 卡在生产部，客户下周五要货。", 1.0, 4.5),
    ("Li Na", "The supplier won't take 40 non-standard pieces.", 5.0, 9.25),
    ("黄主任", "没有法兰，生产线只能停工。", 62.5, 65.0),
]

VTT = "WEBVTT\n\n" + "\n".join(
    f"{i}\n{ts.replace(',', '.')}\n<v {who}>{text}</v>\n"
    for i, (who, text, ts) in enumerate(
        [
            (DIALOGUE[0][0], DIALOGUE[0][1], "00:00:01,000 --> 00:00:04,500"),
            (DIALOGUE[1][0], DIALOGUE[1][1], "00:00:05,000 --> 00:00:09,250"),
            (DIALOGUE[2][0], DIALOGUE[2][1], "00:01:02,500 --> 00:01:05,000"),
        ],
        start=1,
    )
)
SRT = (
    "1\n00:00:01,000 --> 00:00:04,500\n张伟: 订单 PO-2311 卡在生产部，客户下周五要货。\n\n"
    "2\n00:00:05,000 --> 00:00:09,250\nLi Na: The supplier won't take 40 non-standard pieces.\n\n"
    "3\n00:01:02,500 --> 00:01:05,000\n黄主任：没有法兰，生产线只能停工。\n"
)
TXT = (
    "张伟: 订单 PO-2311 卡在生产部，客户下周五要货。\n\n"
    "Li Na: The supplier won't take 40 non-standard pieces.\n"
    "黄主任：没有法兰，生产线只能停工。\n"
)
SOURCES = {"vtt": VTT, "srt": SRT, "txt": TXT}
TIMED = [Cue(who, text, start, end) for who, text, start, end in DIALOGUE]
UNTIMED = [Cue(who, text, None, None) for who, text, _, _ in DIALOGUE]

ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8-sig": lambda s: s.encode("utf-8-sig"),
    "utf-16-le": lambda s: codecs.BOM_UTF16_LE + s.encode("utf-16-le"),
    "utf-16-be": lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be"),
    "gb18030": lambda s: s.encode("gb18030"),
}


@pytest.mark.parametrize("encoding", list(ENCODINGS))
@pytest.mark.parametrize("fmt", list(SOURCES))
def test_every_encoding_gives_identical_cues(tmp_path: Path, fmt: str, encoding: str) -> None:
    path = tmp_path / f"meeting.{fmt}"
    data = ENCODINGS[encoding](SOURCES[fmt])
    path.write_bytes(data)
    if encoding == "utf-8-sig":
        assert data.startswith(codecs.BOM_UTF8)
    elif encoding != "utf-8":
        with pytest.raises(UnicodeDecodeError):
            data.decode("utf-8")  # the file really is in a different encoding

    transcript = parse_file(path)

    assert transcript.cues == (UNTIMED if fmt == "txt" else TIMED)
    assert transcript.encoding == encoding
    assert transcript.format == fmt
    assert transcript.warnings == []


def test_decode_bytes_strips_the_bom() -> None:
    text, encoding = decode_bytes(codecs.BOM_UTF16_LE + "WEBVTT\n".encode("utf-16-le"), "a.vtt")
    assert (text, encoding) == ("WEBVTT\n", "utf-16-le")
    assert decode_bytes("张伟：好".encode("utf-8-sig"), "a.txt") == ("张伟：好", "utf-8-sig")


# ----------------------------------------------------------------- realistic fixture files


def test_teams_vtt() -> None:
    t = parse_file(DATA / "teams.vtt")
    assert t.format == "vtt" and t.encoding == "utf-8"
    assert t.warnings == []
    assert [c.to_json() for c in t.cues] == [
        {"speaker": "张伟", "start": 3.12, "end": 8.48,
         "text": "各位，华东机电的 PO-2311 订单已经在生产部卡了十天，客户下周五要货。"},
        {"speaker": "黄主任", "start": 9.0, "end": 14.25,
         "text": "生产这边排好了，就差法兰。采购说没有供应商接单。"},
        {"speaker": "Li Na", "start": 14.8, "end": 19.6,
         "text": "Only 40 pieces, non-standard. No supplier will take an order that small."},
        {"speaker": "王强", "start": 20.1, "end": 24.0,
         "text": "客户的规格书也没给全，R&D 还在等图纸。"},
        {"speaker": "张伟", "start": 24.5, "end": 27.0, "text": "那我们先把责任边界理清楚。"},
    ]


def test_zoom_vtt() -> None:
    t = parse_file(DATA / "zoom.vtt")
    assert t.warnings == []
    assert t.cues == [
        Cue("张伟", "今天请大家来，是因为 PO-2311 的法兰一直没有到货。", 2.35, 6.91),
        Cue("Li Na", "We asked three suppliers. None of them accepts 40 pieces.", 7.4, 12.02),
        Cue("黄主任", "没有法兰，生产线只能停在最后一道工序。", 12.6, 16.8),
        Cue("张伟", "老周以前找过做小批量的厂，我来联系他。", 17.3, 21.05),
        # a quick-capture marker is not a speaker: the line is kept whole for capture
        Cue(None, "决定: 先请老周推荐供应商，采购部周三前询价。", 21.5, 24.9),
    ]


def test_srt_with_font_and_italic_tags() -> None:
    t = parse_file(DATA / "captions.srt")
    assert t.format == "srt" and t.warnings == []
    assert t.cues == [
        Cue("王强", "规格书我今天下午发给采购。", 1.0, 4.2),
        Cue("Li Na", "Then I can send the RFQ by Wednesday.", 4.8, 9.0),
        Cue(None, "（会议室噪音）", 9.5, 12.0),
        Cue("黄主任", "法兰到了我们两天就能装完。", 62.5, 65.0),
    ]


def test_plain_text_notes() -> None:
    t = parse_file(DATA / "plain.txt")
    assert t.format == "txt" and t.warnings == []
    assert [(c.speaker, c.text, c.start, c.end) for c in t.cues] == [
        (None, "PO-2311 协调会 2026-11-23", None, None),
        ("张伟", "订单卡在法兰采购，客户下周五要货。", 5.0, None),
        ("黄主任", "生产线已经排好，就等法兰。", None, None),
        (None, "10:30 我们开始讨论供应商", None, None),
        ("Li Na", "No supplier takes 40 non-standard pieces.", None, None),
        (None, "问题：规格书谁来确认？", None, None),
        (None, "@王强：今天下午把规格书发给采购 截止 11月23日", None, None),
        (None, "参考 https://erp.example.com/po/2311", None, None),
        (None, "法兰采购 => 采购部", None, None),
    ]


def test_markdown_notes_drop_markup_keep_text() -> None:
    t = parse_file(DATA / "notes.md")
    assert t.format == "md"
    assert [(c.speaker, c.text) for c in t.cues] == [
        (None, "PO-2311 协调会纪要"),
        (None, "参会"),
        (None, "张伟（销售）、黄主任（生产部）、Li Na（采购部）"),
        (None, "讨论"),
        ("张伟", "客户下周五要货，法兰还没到。"),
        ("黄主任", "生产这边只差法兰。"),
        (None, "障碍：供应商不接 40 件的非标单"),
        (None, "@Li Na：周三前完成询价"),
        (None, "决定：请老周推荐供应商"),
    ]
    assert all(c.start is None and c.end is None for c in t.cues)
    # the marks are kept beside the text (not in it, nor in the JSON) for the extractor,
    # which reads a page of minutes by its headings and lists
    assert [c.markup for c in t.cues][:5] == ["# ", "## ", "- ", "## ", "- "]
    assert "markup" not in json_of(t.cues[0])


@pytest.mark.parametrize("name", ["teams.vtt", "zoom.vtt", "captions.srt", "plain.txt", "notes.md"])
@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_crlf_and_cr_parse_like_lf(tmp_path: Path, name: str, newline: str) -> None:
    lf = (DATA / name).read_bytes()
    assert b"\r" not in lf
    path = tmp_path / name
    path.write_bytes(lf.replace(b"\n", newline.encode()))
    assert parse_file(path) == parse_file(DATA / name)


# ----------------------------------------------------------------- malformed cues


def test_malformed_vtt_keeps_good_cues_and_counts_bad_ones() -> None:
    t = parse_file(DATA / "malformed.vtt")
    assert [(c.speaker, c.start) for c in t.cues] == [("张伟", 1.0), ("黄主任", 8.5), ("张伟", 11.5)]
    assert t.warnings == ["2 of 5 cues could not be parsed (lines 8, 12)"]


def test_out_of_range_timestamp_and_hourless_timing() -> None:
    text = (
        "WEBVTT\n\n00:61:00.000 --> 00:62:00.000\n张伟: 坏时间\n\n"
        "01:02.500 --> 01:05.000 line:0\n李娜: 好\n"
    )
    t = parse_text(text, "vtt", "x.vtt")
    assert t.cues == [Cue("李娜", "好", 62.5, 65.0)]
    assert t.warnings == ["1 of 2 cues could not be parsed (line 3)"]


def test_text_outside_a_cue_is_reported() -> None:
    text = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n张伟: 好\n\n00:00:03.000 - 00:00:04.000\n丢了\n"
    t = parse_text(text, "vtt", "x.vtt")
    assert t.cues == [Cue("张伟", "好", 1.0, 2.0)]
    assert t.warnings == ["text outside any timed cue was skipped (line 6)"]


def test_vtt_notes_styles_and_multiple_voices() -> None:
    text = (
        "WEBVTT - exported\nKind: captions\n\nSTYLE\n::cue { color: red }\n\n"
        "NOTE reviewed --> ok\n\n"
        "00:00:01.000 --> 00:00:03.000\n<v 张伟>订单卡住了\n<v Li Na>I know\nit's late</v>\n"
    )
    t = parse_text(text, "vtt")
    assert t.cues == [Cue("张伟", "订单卡住了", 1.0, 3.0), Cue("Li Na", "I know it's late", 1.0, 3.0)]
    assert t.warnings == []


@pytest.mark.parametrize("fmt,text", [
    ("vtt", "WEBVTT\n\nNOTE nothing said\n"),
    ("vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n\n"),
    ("srt", "1\n00:00:01,000 --> 00:00:02\n<i></i>\n"),
])
def test_timed_file_without_cues_is_refused(fmt: str, text: str) -> None:
    with pytest.raises(UserError, match=r"^meeting\.x: no cues could be parsed$"):
        parse_text(text, fmt, "meeting.x")


def test_srt_without_blank_lines_between_cues() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n张伟: 一\n2\n00:00:03,000 --> 00:00:04,000\n黄主任: 二\n"
    assert parse_text(text, "srt").cues == [Cue("张伟", "一", 1.0, 2.0), Cue("黄主任", "二", 3.0, 4.0)]


# ----------------------------------------------------------------- refusals


@pytest.mark.parametrize("data,message", [
    (b"", "file is empty"),
    (b"  \n\r\n\t \n", "file is empty"),
    (codecs.BOM_UTF8 + b"\n \n", "file is empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64, "looks like a binary file, not a transcript"),
    (bytes(range(1, 9)) * 20 + b"text", "looks like a binary file, not a transcript"),
    (b"\xff\xff\xff\x80 \x80 abc", "cannot decode the text"),
])
def test_unreadable_files_are_refused_in_one_line(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    with pytest.raises(UserError) as err:
        parse_file(path)
    assert str(err.value).startswith(f"{path}: {message}")
    assert "\n" not in str(err.value)


def test_decode_bytes_names_the_file() -> None:
    with pytest.raises(UserError, match=r"^notes\.bin: looks like a binary file, not a transcript$"):
        decode_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "notes.bin")
    with pytest.raises(UserError, match=r"^notes\.bin: file is empty$"):
        decode_bytes(b" \n", "notes.bin")


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(UserError, match=r"gone\.vtt: no such file$"):
        parse_file(tmp_path / "gone.vtt")
    with pytest.raises(UserError, match=r"is a directory"):
        parse_file(tmp_path)


def test_markdown_with_only_markup_is_refused() -> None:
    with pytest.raises(UserError, match=r"^n\.md: no text to import$"):
        parse_text("---\n\n- \n#\n", "md", "n.md")


def test_unknown_format_is_a_user_error() -> None:
    with pytest.raises(UserError, match="unknown transcript format"):
        parse_text("x", "docx")


# ----------------------------------------------------------------- speakers in plain lines


@pytest.mark.parametrize("line,speaker,text", [
    ("10:30 我们开始", None, "10:30 我们开始"),
    ("10:30:15 我们开始", None, "10:30:15 我们开始"),
    ("Call at 10:30: supplier", None, "Call at 10:30: supplier"),
    ("张伟：我来说明", "张伟", "我来说明"),
    ("张伟: 我来说明", "张伟", "我来说明"),
    ("Li Na (Purchasing): we need a budget line", "Li Na (Purchasing)", "we need a budget line"),
    ("https://x.y/z", None, "https://x.y/z"),
    ("http://erp/po/2311", None, "http://erp/po/2311"),
    ("决定：先做测试", None, "决定：先做测试"),
    ("决议: 由采购部负责询价", None, "决议: 由采购部负责询价"),
    ("Decision: ship Friday", None, "Decision: ship Friday"),
    ("question: who pays?", None, "question: who pays?"),
    ("障碍：没有预算", None, "障碍：没有预算"),
    ("参会：张伟、黄主任", None, "参会：张伟、黄主任"),
    ("Note: customer called", None, "Note: customer called"),
    ("注意：周五交货", None, "注意：周五交货"),
    ("截止：12月5日", None, "截止：12月5日"),
    ("due: Friday", None, "due: Friday"),
    ("@吴工：检查设备", None, "@吴工：检查设备"),
    ("@张伟: call the customer by Friday", None, "@张伟: call the customer by Friday"),
    ("返工费用由谁承担 => ?", None, "返工费用由谁承担 => ?"),
    ("清洗工艺改进 => 生产部 （依据：工艺管理规定）", None, "清洗工艺改进 => 生产部 （依据：工艺管理规定）"),
    ("The plan for the next two weeks: test first", None, "The plan for the next two weeks: test first"),
    ("这是一个非常非常非常非常非常非常非常非常非常非常非常非常长的开头：内容", None,
     "这是一个非常非常非常非常非常非常非常非常非常非常非常非常长的开头：内容"),
    ("张伟：", None, "张伟："),
    ("[00:01:02] 张伟: 我们开始", "张伟", "我们开始"),
])
def test_speaker_rules(line: str, speaker: str | None, text: str) -> None:
    [cue] = parse_text(line, "txt").cues
    assert (cue.speaker, cue.text) == (speaker, text)


def test_bracketed_timestamp_sets_start() -> None:
    [a, b] = parse_text("[00:01:02] 张伟: 我们开始\n【01:05】王强：好\n", "txt").cues
    assert (a.start, a.end, b.start) == (62.0, None, 65.0)


def test_cjk_lines_join_without_space_latin_with_space() -> None:
    text = "1\n00:00:01,000 --> 00:00:02,000\n张伟: 法兰\n还没到\nbut soon\n"
    [cue] = parse_text(text, "srt").cues
    assert cue.text == "法兰还没到 but soon"


# ----------------------------------------------------------------- format sniffing


@pytest.mark.parametrize("source,fmt", [(VTT, "vtt"), (SRT, "srt"), (TXT, "txt")])
def test_unknown_suffix_is_sniffed(tmp_path: Path, source: str, fmt: str) -> None:
    path = tmp_path / "export.log"
    path.write_text(source, encoding="utf-8")
    t = parse_file(path)
    assert t.format == fmt
    assert t.cues == (UNTIMED if fmt == "txt" else TIMED)


def test_sniff_ignores_arrows_in_notes() -> None:
    assert sniff_format("采购 --> 生产\n张伟: 好\n") == "txt"
    assert sniff_format("\ufeff\r\nWEBVTT\r\n") == "vtt"
