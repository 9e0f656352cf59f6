"""Findings 6 and 7 (settings) of issue 25: a robot URL that is not https/http to a host,
an absurd port, an address with a line break are refused when config.toml is read, so
``doctor`` and ``followup --send`` say the same one line and exit 2; nothing is fetched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.channels import DeliveryError, get
from facilitator.channels.robots import post
from tests.conftest import RunCli

BAD = [
    ('[webhooks]\nwecom = "file:///etc/hostname"\n', "must start with https://"),
    ('[webhooks]\nfeishu = "ftp://127.0.0.1/hook"\n', "must start with https://"),
    ('[webhooks]\ndingtalk = "not a url"\n', "[webhooks] dingtalk"),
    ('[webhooks]\nwecom = "https://user:pw@example.com/x"\n', "user name or password"),
    ('[webhooks]\nwecom = "https://exa mple.com/x"\n', "spaces or control"),
    ('[webhooks]\nwecom = "https://example.com:99999/x"\n', "not a URL"),
    ('[smtp]\nhost = "127.0.0.1"\nfrom = "a@example.com"\nport = 99999999999999999999\n', "port must be 1-65535"),
    ('[smtp]\nhost = "127.0.0.1"\nfrom = "a@example.com\\r\\nBcc: all@example.com"\n', "control character"),
    ('[people."吴工"]\nemail = "wu@example.com\\r\\nBcc: all@example.com"\n', "email is not an email address"),
    ('[people."吴工"]\nmobile = "138\\u001b[2J"\n', "mobile is not a phone number"),
    ('[webhooks]\nwecom = "https://example.com/x"\ntimeout = -1\n', "timeout must be between"),
]


@pytest.mark.parametrize(("toml", "needle"), BAD)
def test_doctor_and_send_refuse_the_same_bad_setting(toml: str, needle: str, run_cli: RunCli, home: Path) -> None:
    (home / "config.toml").write_text(toml, encoding="utf-8")
    for args in (("doctor",), ("remind", "--send")):
        proc = run_cli(*args)
        assert proc.returncode == 2, (args, proc.stdout, proc.stderr)
        assert needle in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
        assert len(proc.stderr.strip().splitlines()) == 1 and "\x1b" not in proc.stderr


def test_a_good_robot_url_still_loads(run_cli: RunCli, home: Path) -> None:
    (home / "config.toml").write_text('[webhooks]\nwecom = "https://qyapi.weixin.qq.com/cgi-bin/webhook/send'
                                      '?key=abc"\nfeishu = "http://[::1]:8080/open-apis/bot/v2/hook/x"\n',
                                      encoding="utf-8")
    assert run_cli("doctor").returncode in (0, 1)


def test_the_sender_itself_never_opens_a_file_url(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text('{"errcode": 0, "errmsg": "ok"}', encoding="utf-8")
    with pytest.raises(DeliveryError, match="must start with https://"):
        post(get("wecom"), secret.as_uri(), {"msgtype": "text"}, 1.0)
