"""``[me] name`` written into the user's config.toml: every other byte kept, an existing
``[me]`` table or name updated in place, the file read back before it is replaced."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from facilitator.config import load_settings
from facilitator.config_edit import save_me_name, with_me_name
from facilitator.model import UserError

MINE = """# my settings
language = "zh"   # 中文

[people."采购部"]
email = "caigou@example.com"
"""


def test_the_table_is_added_at_the_end_and_nothing_else_moves(home: Path) -> None:
    cfg = home / "config.toml"
    cfg.write_text(MINE, encoding="utf-8")
    save_me_name(cfg, "  王强 ")
    text = cfg.read_text(encoding="utf-8")
    assert text.startswith(MINE) and text.endswith('\n[me]\nname = "王强"\n')
    s = load_settings(home, env={})
    assert s.me.name == "王强" and s.people["采购部"].email == "caigou@example.com"


def test_an_existing_me_table_gets_the_line_or_has_it_replaced() -> None:
    middle = 'a = 1\n[me] # who\n\n[smtp]\nhost = "h"\n'
    assert tomllib.loads(with_me_name(middle, "李娜"))["me"] == {"name": "李娜"}
    assert with_me_name(middle, "李娜").replace('\nname = "李娜"', "") == middle
    named = '[me]\nname = "旧名"\n[smtp]\nhost = "h"\n'
    assert with_me_name(named, 'Wang "Q"') == '[me]\nname = "Wang \\"Q\\""\n[smtp]\nhost = "h"\n'
    assert with_me_name("", "王强") == '[me]\nname = "王强"\n'
    assert with_me_name("x = 1", "王强") == 'x = 1\n\n[me]\nname = "王强"\n'


def test_a_file_it_cannot_edit_safely_is_left_as_it_was(home: Path) -> None:
    cfg = home / "config.toml"
    cfg.write_text('me = { name = "" }\n', encoding="utf-8")  # an inline table: a second [me] would be invalid
    with pytest.raises(UserError, match="cannot add \\[me\\] name"):
        save_me_name(cfg, "王强")
    assert cfg.read_text(encoding="utf-8") == 'me = { name = "" }\n'
    assert sorted(p.name for p in home.iterdir()) == ["config.toml"]  # no temporary file left behind
