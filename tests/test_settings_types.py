"""The settings' two ways to a typed object agree: a value already of its field's type is
taken as it is (``config_sources._exact``), anything else goes through pydantic, and for
every value the first way takes, pydantic would have made the same object. A plain
config.toml is read without importing pydantic at all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import TypeAdapter

from facilitator.config import Settings, load_settings
from facilitator.config_sources import _NO, Environment, HomeFile, Locale, _exact, merged
from facilitator.config_tables import Person, SmtpSettings
from tests.test_config import DELIVERY

PLAIN = [
    "",
    '[me]\nname = "王强"\n',
    'user = "王强"\nlanguage = "en"\n',
    DELIVERY,
    'libraries = ["/cards/a", "/cards/b"]\n[llm]\nmodel = "qwen-plus"\ntimeout = 30\ncontext = 32000\n'
    'base_url = "http://127.0.0.1:8080/v1"\n[keymap]\ndraft = "ctrl+d"\n',
    '[speech]\nengine = "endpoint"\nurl = "http://127.0.0.1:9/v1"\ntimeout = 60\nhotwords = true\n'
    '[webhooks]\nfeishu = "https://open.feishu.cn/hook/x"\nfeishu_secret = "fs-1"\ntimeout = 5\n',
    'embeddings = "openai"\nembeddings_model = "bge-m3"\ndatabase = "postgresql://sales@db/team"\n',
]
ENV = {"OPENAI_API_KEY": "sk-1", "FACILITATOR_SMTP_PASSWORD": " pw 2 ", "FACILITATOR_SPEECH_API_KEY": "sp-3",
       "FACILITATOR_ME_NAME": "李娜", "LANG": "zh_CN.UTF-8", "FACILITATOR_LLM_MODEL": "deepseek-chat"}


def _data(home: Path, env: dict[str, str]) -> dict[str, object]:
    path = home / "config.toml"
    return merged(Environment(Settings, env)(), HomeFile(Settings, path)(), Locale(env)())


@pytest.mark.parametrize("env", [{}, ENV], ids=["no-env", "env"])
@pytest.mark.parametrize("toml", PLAIN)
def test_a_value_taken_as_it_is_is_what_pydantic_makes_of_it(home: Path, toml: str, env: dict[str, str]) -> None:
    (home / "config.toml").write_text(toml, encoding="utf-8")
    data = _data(home, env)
    data.pop("user", None)  # load_settings turns the older spelling into [me] name first
    taken = _exact(Settings, data)
    assert taken is not _NO, data
    assert taken == TypeAdapter(Settings).validate_python(data)
    assert load_settings(home, env=env) is not None


@pytest.mark.parametrize(("kind", "data"), [
    (SmtpSettings, {"port": "587"}),  # pydantic refuses it (strict table)
    (SmtpSettings, {"starttls": 1}),
    (SmtpSettings, {"host": " smtp.example.com "}),  # pydantic strips it
    (SmtpSettings, {"hots": "h"}),
    (Person, {"email": "x@example.com"}),  # no name
    (Settings, {"llm_timeout": "5"}),  # pydantic converts it
    (Settings, {"llm_context": 3.0}),
    (Settings, {"llm_model": 4}),
    (Settings, {"embeddings": "bert"}),
    (Settings, {"people": {"采购部": {"name": "采购部", "mobile": 138}}}),
    (Settings, {"webhooks": {"secrets": {"feishu_secret": 4242}}}),
    (Settings, {"libraries": ["/a", 3]}),
])
def test_anything_else_is_left_to_pydantic(kind: type, data: dict[str, object]) -> None:
    assert _exact(kind, data) is _NO


def test_a_variable_pydantic_converts_is_converted(home: Path) -> None:
    s = load_settings(home, env={"FACILITATOR_LLM_TIMEOUT": "5", "FACILITATOR_LLM_CONTEXT": "4096"})
    assert (s.llm_timeout, s.llm_context) == (5.0, 4096)


def test_a_plain_config_is_read_without_pydantic(home: Path) -> None:
    (home / "config.toml").write_text(DELIVERY + '\n[me]\nname = "王强"\n', encoding="utf-8")
    code = ("import sys; from pathlib import Path; from facilitator.config import load_settings; "
            f"s = load_settings(Path({str(home)!r}), env={{}}); "
            "print(s.me.name, sorted(m for m in sys.modules if m.split('.')[0].startswith('pydantic')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "王强 []"
