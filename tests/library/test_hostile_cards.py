"""Finding 4 of issue 25: a hostile card (YAML alias bomb, 5,000 levels of nesting (20,000 is over the size bound), a
15 MB title) is skipped with a warning naming it, and ``index`` goes on with the rest.

Without the bounds the alias bomb took ``index`` to 24 GB (the OOM killer), the deep
card aborted the whole index with an internal error, and the huge one took minutes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.config import Settings
from facilitator.library.cards import MAX_ALIASES, load_cards, parse_card
from facilitator.library.embed import E5Embedder
from facilitator.library.index import CaseIndex
from facilitator.model import UserError
from tests.hostile_inputs import BODY, alias_bomb, deep, huge


@pytest.mark.parametrize(("make", "problem"), [(alias_bomb, "YAML aliases"), (deep, "nested more than"),
                                               (huge, "larger than")])
def test_a_hostile_card_is_refused_with_its_name_and_line(make, problem) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UserError) as caught:
        parse_card(make(), "cases/evil.md")
    assert str(caught.value).startswith("cases/evil.md:") and problem in str(caught.value)


def test_a_few_aliases_are_still_read() -> None:
    aliases = ", ".join(["*t"] * MAX_ALIASES)
    case = parse_card(f"---\nid: ok\nx: &t 钢管\ntags: [{aliases}]\n---\n{BODY}", "ok.md")
    assert case.tags == ["钢管"] * MAX_ALIASES


def test_index_skips_each_hostile_card_and_goes_on(cards_dir: Path, home: Path, e5: E5Embedder) -> None:
    for name, make in (("bomb", alias_bomb), ("deep", deep), ("huge", huge)):
        (cards_dir / f"{name}.md").write_text(make(), encoding="utf-8")
    cards, errors = load_cards([cards_dir])
    assert len(cards) == 6 and len(errors) == 3
    for name in ("bomb", "deep", "huge"):
        assert any(f"{name}.md" in e and e.endswith("card skipped") for e in errors), errors
    result = CaseIndex(home, Settings(), embedder=e5).update([cards_dir], builtin=False)
    assert result.cards == 6 and len(result.errors) == 3
