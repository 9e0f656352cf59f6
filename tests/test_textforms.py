"""One text key, one tokenizer, one language guess, one NO_ENDPOINT.

The folded forms and keys that six modules each once wrote for themselves now live in
``facilitator.textforms``. The reference functions below are those copies as they were
written; each key must give exactly what its old copy gave on input that tends to tell
normalisations apart (full-width forms, Chinese punctuation, odd white space, case that
folds to more than one letter), and the modules that compared text must now hold no copy
of their own.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

from facilitator import language, obstacles, playbook, textforms
from facilitator.drafting import grounding, offline
from facilitator.library import lexical
from facilitator.model import Action, Meeting, Responsibility
from facilitator.store import rows as store_rows

PKG = Path(__file__).resolve().parents[1] / "facilitator"

TRICKY = [
    "",
    "   ",
    "Ａｃｍｅ　Ｌｔｄ",  # full-width letters and an ideographic space
    "返工费用由谁承担？",
    "返工费用 由谁承担",
    "返工费用，由谁承担。「清洗线」（第三批）：软化水；",
    "  Straße  GROSS\tstraße\n",  # ß folds to ss
    "İstanbul ıI",  # dotted and dotless i
    "ﬁnance ＆ ＨＲ",  # a ligature and a full-width ampersand
    "Café vs Cafe\u0301",  # composed and decomposed é
    "张伟\u00a0／\u2003黄主任",  # no-break and em spaces
    "①②③ ㈱ ㎏ ¼",  # compatibility characters NFKC spells out
    "$100 + 5% → OK!",
    "第１２批　ＶＰＮ　Ｖ２",
    "\u200b零宽\u200b空格",  # zero-width space is not white space
    "\x1c\x1d\x1e\x1f separators",
]


def old_fold(text: str) -> str:  # obstacles._fold, lexical.normalise, transcripts
    return unicodedata.normalize("NFKC", text).casefold()


def old_key(text: str) -> str:  # playbook._key, drafting/offline._key, drafting/grounding._key
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).casefold()


def old_spaced(text: str) -> str:  # drafting/grounding._spaced
    return " ".join(unicodedata.normalize("NFKC", text).casefold().split())


def old_item_key(text: str) -> str:  # store/rows.item_key (once store_rows.py)
    norm = unicodedata.normalize("NFKC", text).casefold()
    return "".join(ch for ch in norm if not (ch.isspace() or unicodedata.category(ch)[0] in "PS"))


def old_filter_key(text: str) -> str:  # library/search._norm_filter
    return unicodedata.normalize("NFKC", text).casefold().strip()


@pytest.mark.parametrize("text", TRICKY)
def test_each_key_gives_what_its_old_copy_gave(text: str) -> None:
    assert textforms.fold(text) == old_fold(text)
    assert textforms.text_key(text) == old_key(text)
    assert textforms.spaced(text) == old_spaced(text)
    assert textforms.bare_key(text) == old_item_key(text)
    assert textforms.fold_key(text) == old_filter_key(text)
    assert textforms.nfkc(text) == unicodedata.normalize("NFKC", text)


def test_the_keys_meet_where_people_write_one_thing_two_ways() -> None:
    assert textforms.text_key("Ａｃｍｅ　Ｌｔｄ") == textforms.text_key("acme ltd") == "acmeltd"
    assert textforms.bare_key("返工费用由谁承担？") == textforms.bare_key("返工费用 由谁承担") == "返工费用由谁承担"
    assert textforms.text_key("返工费用由谁承担？") != textforms.text_key("返工费用 由谁承担")  # punctuation kept
    assert textforms.spaced("  GROSS\tStraße ") == "gross strasse"
    assert textforms.fold_key(" Ｈｕａｎｇ ") == "huang"


def test_the_white_space_the_keys_drop_is_the_white_space_python_splits_on() -> None:
    """``text_key`` drops ``\\s`` where ``bare_key``'s old copy dropped ``str.isspace()`` (all
    white space is in the first plane)."""
    odd = [chr(c) for c in range(0x10000) if bool(re.match(r"\s", chr(c))) != chr(c).isspace()]
    assert odd == []


def test_the_modules_that_compare_text_use_the_one_home() -> None:
    assert store_rows.item_key is textforms.bare_key
    assert lexical.normalise is textforms.fold
    assert textforms.CJK is language.CJK
    for module in (obstacles, playbook, offline, grounding):
        assert not hasattr(module, "_key") and not hasattr(module, "_fold") and not hasattr(module, "_spaced")
    assert not hasattr(offline, "_tokens")


def test_parse_kind_and_the_playbook_fold_full_width_and_spacing() -> None:
    assert obstacles.parse_kind("ＢＵＤＧＥＴ") == "budget"
    assert obstacles.parse_kind(" 预 算 ") == obstacles.parse_kind("预算") is not None
    meeting = Meeting(title="t", responsibilities=[Responsibility("返工 费用", None)],
                      actions=[Action(action="确认返工费用", owner="吴工")])
    assert playbook._escalated(meeting.responsibilities[0], meeting)


def test_the_offline_drafter_measures_overlap_with_the_search_tokenizer() -> None:
    """One tokenizer: the gaps' overlap of an obstacle and an action counts the terms BM25
    indexes (Chinese bigrams, stemmed English words), whatever the width of the letters."""
    assert offline.obstacle_overlap("软化水设备产能不够", "确认软化水设备的产能") == (
        len(set(lexical.tokenize("软化水设备产能不够")) & set(lexical.tokenize("确认软化水设备的产能")))
        / len(set(lexical.tokenize("软化水设备产能不够"))),
        len(set(lexical.tokenize("软化水设备产能不够")) & set(lexical.tokenize("确认软化水设备的产能"))),
    )
    assert offline.obstacle_overlap("ＶＰＮ access blocked", "unblock vpn access")[1] == 2
    assert offline.obstacle_overlap("的了", "anything") == (0.0, 0)


def _calls_nfkc(path: Path) -> bool:
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Call) and any(
            isinstance(a, ast.Constant) and a.value == "NFKC" for a in node.args
        ):
            return True
    return False


KEEPS_ITS_OWN_NFKC = {
    "facilitator/textforms.py",
    "facilitator/config.py",  # a setting's name: NFKC without case folding (settings' own rule)
    "facilitator/extract/minutes_fields.py",  # NFKC that leaves the Chinese punctuation people read
    "facilitator/library/cards.py",  # a section title, spaces kept
    "facilitator/library/search.py",  # filter values (fold_key's form)
    "facilitator/library/snippet.py",  # folds only where offsets survive
}


def test_no_other_module_normalises_text_itself() -> None:
    """A new ``unicodedata.normalize("NFKC", …)`` outside these belongs in textforms."""
    found = {str(p.relative_to(PKG.parent)) for p in PKG.rglob("*.py") if _calls_nfkc(p)}
    assert found <= KEEPS_ITS_OWN_NFKC, found - KEEPS_ITS_OWN_NFKC


def test_one_language_guess_and_one_no_endpoint() -> None:
    defs: dict[str, list[str]] = {"guess_language": [], "NO_ENDPOINT": []}
    for path in PKG.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef) and node.name in defs:
                defs[node.name].append(str(path.relative_to(PKG)))
            if isinstance(node, ast.Assign | ast.AnnAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for t in targets:
                    if isinstance(t, ast.Name) and t.id in defs:
                        defs[t.id].append(str(path.relative_to(PKG)))
    assert defs == {"guess_language": ["language.py"], "NO_ENDPOINT": ["config.py"]}
