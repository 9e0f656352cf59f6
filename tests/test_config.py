"""Settings precedence and the data-home rule."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter

from facilitator import locations
from facilitator.config import Settings, load_settings
from facilitator.model import UserError
from tests.conftest import RunCli


def test_defaults_without_file_or_env(home: Path) -> None:
    s = load_settings(home, env={})
    assert s.llm_timeout == 60.0 and s.embeddings == "e5" and not s.llm_configured


def test_file_then_environment_wins(home: Path) -> None:
    (home / "config.toml").write_text(
        'libraries = ["/cards/a", "/cards/b"]\n'
        '[llm]\nmodel = "qwen-plus"\ntimeout = 30\ncontext = 32000\napi_key = "from-file"\n', encoding="utf-8")
    s = load_settings(home, env={})
    assert (s.llm_model, s.llm_timeout, s.llm_context) == ("qwen-plus", 30.0, 32000)
    assert s.libraries == ["/cards/a", "/cards/b"]
    assert s.llm_api_key.get_secret_value() == ""  # the key is never taken from a file
    s = load_settings(home, env={"FACILITATOR_LLM_MODEL": "deepseek-chat", "FACILITATOR_LLM_TIMEOUT": "5",
                                 "OPENAI_API_KEY": "sk-distinctive-91"})
    assert (s.llm_model, s.llm_timeout, s.llm_context) == ("deepseek-chat", 5.0, 32000)
    assert s.llm_configured and "sk-distinctive-91" not in repr(s)


def test_base_url_alone_counts_as_configured(home: Path) -> None:
    assert load_settings(home, env={"OPENAI_BASE_URL": "http://127.0.0.1:11434/v1"}).llm_configured


@pytest.mark.parametrize(
    ("content", "env", "pattern"),
    [
        ("not = [valid", {}, "not valid TOML"),
        ("", {"FACILITATOR_LLM_CONTEXT": "lots"}, "FACILITATOR_LLM_CONTEXT"),
        ("", {"FACILITATOR_EMBEDDINGS": "bert"}, "embeddings must be"),
    ],
)
def test_bad_settings_are_user_errors(home: Path, content: str, env: dict[str, str], pattern: str) -> None:
    (home / "config.toml").write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=pattern):
        load_settings(home, env=env)


def test_home_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("FACILITATOR_HOME", str(tmp_path / "env"))
    assert locations.data_home(str(tmp_path / "flag")) == tmp_path / "flag"
    assert locations.data_home(None) == tmp_path / "env"
    monkeypatch.delenv("FACILITATOR_HOME")
    assert locations.data_home(None).name == "facilitator"


def test_bundled_data_is_found() -> None:
    assert (locations.prompts_dir() / "playbook.toml").is_file()
    assert locations.corpus_dir().is_dir()


def test_keymap_table(home: Path) -> None:
    (home / "config.toml").write_text('[keymap]\ndraft = "ctrl+d"\n', encoding="utf-8")
    assert load_settings(home, env={}).keymap == {"draft": "ctrl+d"}
    (home / "config.toml").write_text('[keymap]\ndraft = 3\n', encoding="utf-8")
    with pytest.raises(UserError, match="keymap"):
        load_settings(home, env={})


DELIVERY = """
[people."采购部"]
email = "caigou@example.com"
mobile = "13800000000"
manager = "总经理"

[people."总经理"]
email = "gm@example.com"

[smtp]
host = "smtp.example.com"
port = 465
from = "sales@example.com"
user = "sales@example.com"
ssl = true

[webhooks]
wecom = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k-123"
dingtalk = "https://oapi.dingtalk.com/robot/send?access_token=t-456"
dingtalk_secret = "SEC-distinctive-77"
"""


def test_people_smtp_and_webhooks_are_typed(home: Path) -> None:
    (home / "config.toml").write_text(DELIVERY, encoding="utf-8")
    s = load_settings(home, env={"FACILITATOR_SMTP_PASSWORD": "pw-distinctive-42"})
    buyer = s.people["采购部"]
    assert (buyer.email, buyer.mobile, buyer.manager) == ("caigou@example.com", "13800000000", "总经理")
    assert s.person("采购部 ") is buyer and s.person("财务部") is None
    assert (s.smtp.host, s.smtp.port, s.smtp.sender, s.smtp.ssl, s.smtp.starttls) == (
        "smtp.example.com", 465, "sales@example.com", True, True)
    assert s.smtp_password.get_secret_value() == "pw-distinctive-42"
    assert s.webhooks.robots() == ["wecom", "dingtalk"]
    assert "pw-distinctive-42" not in repr(s) and "SEC-distinctive-77" not in repr(s)
    assert load_settings(home, env={}).smtp_password.get_secret_value() == ""


@pytest.mark.parametrize(
    ("content", "pattern"),
    [
        ('[smtp]\nhost = "h"\npassword = "secret"\n', "remove password from \\[smtp\\]"),
        ('[smtp]\nport = "twenty-five"\n', "setting 'port' has an invalid value"),
        ('[smtp]\nhots = "h"\n', "unknown setting 'hots'"),
        ('[people."采购部"]\nmanager = "老板"\n', "manager '老板' has no \\[people\\] entry"),
        ('[people]\n"采购部" = "x@example.com"\n', "must be a table"),
        ('[webhooks]\nwecom = 5\n', "setting 'wecom' has an invalid value"),
    ],
)
def test_bad_delivery_settings_are_user_errors(home: Path, content: str, pattern: str) -> None:
    (home / "config.toml").write_text(content, encoding="utf-8")
    with pytest.raises(UserError, match=pattern):
        load_settings(home, env={})


def test_me_name_from_the_file_the_older_spelling_and_the_environment(home: Path) -> None:
    (home / "config.toml").write_text('[me]\nname = " 王强 "\n', encoding="utf-8")
    s = load_settings(home, env={})
    assert s.me.name == s.user == "王强" and "王强" in s.known_owners()
    assert load_settings(home, env={"FACILITATOR_ME_NAME": "李娜"}).me.name == "李娜"  # the environment wins
    (home / "config.toml").write_text('user = "王强"\n', encoding="utf-8")  # before [me] existed
    assert load_settings(home, env={}).me.name == "王强"
    (home / "config.toml").write_text('[me]\nname = "王强"\nemail = "w@example.com"\n', encoding="utf-8")
    with pytest.raises(UserError, match=r"\[me\]: unknown setting 'email'"):
        load_settings(home, env={})


def test_doctor_shows_who_the_home_records(run_cli: RunCli, home: Path) -> None:
    (home / "config.toml").write_text('language = "en"\n[me]\nname = "王强"\n', encoding="utf-8")
    assert any(line.split()[:3] == ["ok", "me", "王强"] for line in run_cli("doctor").stdout.splitlines())
    (home / "config.toml").write_text('language = "zh"\n', encoding="utf-8")
    assert '使用者      未设置：请在 config.toml 中写上 [me] name = "…"' in run_cli("doctor").stdout


def test_secrets_never_print(home: Path) -> None:
    (home / "config.toml").write_text('[webhooks]\nfeishu = "https://open.feishu.cn/hook/x"\n'
                                      'feishu_secret = "fs-distinctive-8"\n', encoding="utf-8")
    s = load_settings(home, env={"OPENAI_API_KEY": "sk-distinctive-1", "FACILITATOR_SMTP_PASSWORD": "pw-distinctive-2",
                                 "FACILITATOR_SPEECH_API_KEY": "sp-distinctive-3"})
    shown = repr(s) + str(s) + TypeAdapter(Settings).dump_json(s).decode()
    assert not any(f"distinctive-{n}" in shown for n in (1, 2, 3, 8))
    assert s.webhooks.secret("feishu_secret") == "fs-distinctive-8"
    assert s.speech.api_key.get_secret_value() == "sp-distinctive-3"


def test_the_team_database_url_from_the_file_or_the_environment(home: Path) -> None:
    (home / "config.toml").write_text('database = "postgresql://sales@db.example.com/team"\n', encoding="utf-8")
    assert load_settings(home, env={}).database == "postgresql://sales@db.example.com/team"
    assert load_settings(home, env={"FACILITATOR_DATABASE_URL": "postgresql:///local"}).database == "postgresql:///local"
    (home / "config.toml").write_text('database = "postgresql://sales:pw-distinctive-5@db/team"\n', encoding="utf-8")
    with pytest.raises(UserError, match="remove the password from database") as refused:
        load_settings(home, env={})
    assert "pw-distinctive-5" not in str(refused.value)
