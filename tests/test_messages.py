"""The one table of refusals (``facilitator.messages``): the command line and the TUI say a
``UserError`` from it, so a refusal is translated once and reads the same in both."""

from __future__ import annotations

import string

import pytest

from facilitator import cli_text, messages
from facilitator.model import MissingReason, UserError


def fields(template: str) -> set[str]:
    return {name.split("!")[0].split(":")[0] for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("template", sorted(messages.ZH))
def test_each_translation_asks_only_for_values_its_template_has(template: str) -> None:
    extra = fields(messages.ZH[template]) - fields(template)
    assert not extra - {"line", "column"}, (template, extra)  # the TOML error carries its place besides ``why``


def test_the_command_line_and_the_screens_say_a_refusal_alike() -> None:
    refusals = [UserError("no meeting with id {id}", id=7), UserError("{path}: is a directory", path="/tmp/x"),
                MissingReason("blocked"), UserError("a participant needs a name")]
    cli_text.set_language("zh")
    try:
        said = [cli_text.error_text(e) for e in refusals]
    finally:
        cli_text.set_language(None)
    assert said == [messages.error_text(e, "zh") for e in refusals]
    assert said == ["没有编号为 7 的会议", "/tmp/x：这是一个文件夹", "标为受阻的行动需要写明原因", "参会人需要一个名字"]
    assert [messages.error_text(e, "en") for e in refusals] == [str(e) for e in refusals]


def test_no_translation_is_kept_twice() -> None:
    assert not set(cli_text.ZH) & set(messages.ZH)
