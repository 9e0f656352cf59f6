"""Issue 24, point 2 (its leftovers): a refusal about the settings or about an endpoint
they name is one line in the user's language and exit code 2. The real command runs on
a home whose config.toml (or environment) is wrong, or whose speech / embeddings
endpoint is a port on this machine where nothing listens."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, cli_env

RECORDING = Path(__file__).resolve().parent / "data" / "speech" / "en.ogg"


def closed_port() -> int:
    """A loopback port nothing listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def refusal(home: Path, *args: str, **env: str) -> str:
    """The one line the command prints on stderr, after checking it exits 2 without a traceback."""
    proc = subprocess.run([sys.executable, "-m", "facilitator", "--home", str(home), *args], capture_output=True,
                          text=True, encoding="utf-8", env=cli_env(LC_ALL="", LC_MESSAGES="", **env), cwd=REPO,
                          timeout=300)
    assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr, proc.stderr
    return lines[0]


CONFIG = [
    ('[smtp]\nport = "twenty-five"\n',
     "{cfg}: [smtp]: setting 'port' has an invalid value 'twenty-five'",
     "{cfg}：[smtp] 中设置 'port' 的值 'twenty-five' 无效"),
    ('[smtp]\nhots = "h"\n',
     "{cfg}: [smtp]: unknown setting 'hots'",
     "{cfg}：[smtp] 中没有 'hots' 这个设置"),
    ('[webhooks]\nwecom = "ftp://127.0.0.1/hook"\n',
     "{cfg}: [webhooks] wecom must start with https:// (not ftp://): 'ftp://127.0.0.1/hook'",
     "{cfg}：[webhooks] wecom 必须以 https:// 开头（而不是 ftp://）：'ftp://127.0.0.1/hook'"),
    ('[people."采购部"]\nmanager = "老板"\n',
     "{cfg}: [people.\"采购部\"] manager '老板' has no [people] entry",
     "{cfg}：[people.\"采购部\"] 的 manager '老板' 在 [people] 中没有条目"),
    ('[smtp]\nhost = "h"\npassword = "pw-distinctive-3"\n',
     "{cfg}: remove password from [smtp]; set FACILITATOR_SMTP_PASSWORD instead",
     "{cfg}：请从 [smtp] 中删除 password，改为设置环境变量 FACILITATOR_SMTP_PASSWORD"),
    ('[webhooks]\nfeishu_secret = 4242\n',
     "{cfg}: [webhooks]: setting 'feishu_secret' has an invalid value (not shown: it is a secret)",
     "{cfg}：[webhooks] 中设置 'feishu_secret' 的值无效（密钥不显示）"),
    ('[speech]\nengine = "cloud"\n',
     "[speech] engine must be 'whisper-base', 'folder' or 'endpoint', not 'cloud'",
     "[speech] 的 engine 只能是 'whisper-base'、'folder' 或 'endpoint'，不能是 'cloud'"),
]


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize(("toml", "en", "zh"), CONFIG)
def test_a_bad_setting_is_one_line_in_the_users_language(home: Path, lang: str, toml: str, en: str, zh: str) -> None:
    cfg = home / "config.toml"
    cfg.write_text(f'language = "{lang}"\n' + toml, encoding="utf-8")
    line = refusal(home, "doctor")
    assert line == "facilitator: " + (zh if lang == "zh" else en).format(cfg=cfg)
    assert "pw-distinctive-3" not in line and "4242" not in line


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "facilitator: FACILITATOR_LLM_CONTEXT：设置 'llm_context' 的值 'lots' 无效"),
    ("en", "facilitator: FACILITATOR_LLM_CONTEXT: setting 'llm_context' has an invalid value 'lots'"),
])
def test_a_bad_variable_is_one_line_in_the_users_language(home: Path, lang: str, expected: str) -> None:
    (home / "config.toml").write_text(f'language = "{lang}"\n', encoding="utf-8")
    assert refusal(home, "meetings", FACILITATOR_LLM_CONTEXT="lots") == expected


def test_a_file_that_is_not_toml_is_said_in_the_locales_language(home: Path) -> None:
    cfg = home / "config.toml"
    cfg.write_text('language = ["zh"\n', encoding="utf-8")  # unreadable, so its language is unknown too
    assert refusal(home, "meetings", LANG="zh_CN.UTF-8") == (
        f"facilitator: {cfg}：不是有效的 TOML（第 2 行第 1 列）；请修改或删除这个文件")
    line = refusal(home, "meetings", LANG="en_US.UTF-8")
    assert line.startswith(f"facilitator: {cfg}: not valid TOML (") and line.endswith("); fix or remove the file")


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "facilitator: 语音转写接口 {url} 无法使用（APIConnectionError）"),
    ("en", "facilitator: speech endpoint {url}: APIConnectionError"),
])
def test_an_unreachable_speech_endpoint_is_one_line_in_the_users_language(home: Path, lang: str,
                                                                          expected: str) -> None:
    url = f"http://127.0.0.1:{closed_port()}/v1"
    (home / "config.toml").write_text(f'language = "{lang}"\n[speech]\nurl = "{url}"\ntimeout = 5\n',
                                      encoding="utf-8")
    assert refusal(home, "import", str(RECORDING)) == expected.format(url=url)


@pytest.mark.parametrize(("lang", "expected"), [
    ("zh", "facilitator: 向量接口无法使用（APIConnectionError）"),
    ("en", "facilitator: embeddings endpoint failed: APIConnectionError: Connection error."),
])
def test_an_unreachable_embeddings_endpoint_is_one_line_in_the_users_language(home: Path, lang: str,
                                                                              expected: str) -> None:
    (home / "config.toml").write_text(f'language = "{lang}"\n[llm]\nretries = 0\n', encoding="utf-8")
    line = refusal(home, "index", FACILITATOR_EMBEDDINGS="openai",
                   OPENAI_BASE_URL=f"http://127.0.0.1:{closed_port()}/v1")
    assert line == expected
