"""Provider profiles for the OpenAI-compatible endpoints the LLM drafter talks to.

Every endpoint is reached through the official ``openai`` client; what differs is
which structured-output mode the server honours and a few quirks:

- ``json_schema`` (strict schema) is the best: the server constrains the answer.
- ``json_object`` guarantees only *some* JSON object, and several servers reject the
  request unless the word "JSON" appears in the messages (our prompts always say it).
- ``text`` asks for nothing; the answer is then extracted tolerantly.

Local servers (Ollama, vLLM, llama.cpp) need no key, but the client insists on one,
so a placeholder is sent. Nothing here imports ``openai``: the client is built in
:func:`make_client`, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal
from urllib.parse import urlparse

from facilitator.config import Settings

if TYPE_CHECKING:
    from openai import AsyncOpenAI

__all__ = [
    "MODES",
    "PROFILES",
    "Endpoint",
    "Provider",
    "guess_provider",
    "make_client",
    "resolve_endpoint",
]

Mode = Literal["json_schema", "json_object", "text"]
MODES: tuple[Mode, ...] = ("json_schema", "json_object", "text")
OFFICIAL_URL = "https://api.openai.com/v1"


@dataclass(frozen=True)
class Provider:
    name: str
    label: str
    example_url: str
    modes: tuple[Mode, ...]
    """Structured-output modes to try, best first; ``text`` (plain) is always last."""
    needs_key: bool = True
    placeholder_key: str = ""
    """Sent when no key is set (local servers accept anything, the client needs something)."""
    max_tokens_param: str = "max_tokens"
    """``max_completion_tokens`` for OpenAI (``max_tokens`` is deprecated there), else ``max_tokens``."""
    json_word_required: bool = False
    """``json_object`` is refused unless the prompt contains the word "JSON"."""
    stream_usage: bool = True
    """Accepts ``stream_options={"include_usage": true}`` (token usage in the last chunk)."""
    quirks: str = ""


PROFILES: dict[str, Provider] = {
    p.name: p
    for p in (
        Provider(
            "openai", "OpenAI", OFFICIAL_URL, ("json_schema", "json_object", "text"),
            max_tokens_param="max_completion_tokens",
            quirks="strict json_schema; key required",
        ),
        Provider(
            "azure", "Azure OpenAI", "https://RESOURCE.openai.azure.com/openai/v1/",
            ("json_schema", "json_object", "text"), max_tokens_param="max_completion_tokens",
            quirks="the model name is your deployment name; the key also goes in the api-key header",
        ),
        Provider(
            "deepseek", "DeepSeek", "https://api.deepseek.com/v1", ("json_object", "text"),
            json_word_required=True,
            quirks="no json_schema; json_object needs the word JSON and an example in the prompt; "
            "may answer blank in json_object mode",
        ),
        Provider(
            "qwen", "Qwen (DashScope compatible mode)",
            "https://dashscope.aliyuncs.com/compatible-mode/v1",
            ("json_schema", "json_object", "text"), json_word_required=True,
            quirks="json_schema only on recent models (the drafter falls back); json_object needs "
            "the word JSON; international accounts use dashscope-intl.aliyuncs.com",
        ),
        Provider(
            "ollama", "Ollama", "http://127.0.0.1:11434/v1", ("json_schema", "json_object", "text"),
            needs_key=False, placeholder_key="ollama", stream_usage=False,
            quirks="context defaults to a few thousand tokens (num_ctx): set FACILITATOR_LLM_CONTEXT "
            "to what the model is loaded with",
        ),
        Provider(
            "vllm", "vLLM", "http://127.0.0.1:8000/v1", ("json_schema", "json_object", "text"),
            needs_key=False, placeholder_key="EMPTY",
            quirks="guided decoding for json_schema; a key only if started with --api-key",
        ),
        Provider(
            "llamacpp", "llama.cpp server", "http://127.0.0.1:8080/v1",
            ("json_schema", "json_object", "text"), needs_key=False,
            placeholder_key="sk-no-key-required",
            quirks="schema becomes a grammar (strict is ignored); context is the server's --ctx-size",
        ),
        Provider(
            "generic", "OpenAI-compatible server", "http://127.0.0.1:8000/v1",
            ("json_schema", "json_object", "text"), needs_key=False, placeholder_key="not-needed",
            quirks="unknown server: every mode is tried, best first",
        ),
    )
}  # fmt: skip


def guess_provider(base_url: str) -> str:
    """The profile name for a base URL (``generic`` when nothing gives it away)."""
    if not base_url:
        return "openai"
    parsed = urlparse(base_url if "://" in base_url else "http://" + base_url)
    host = (parsed.hostname or "").lower()
    if host == "api.openai.com":
        return "openai"
    if host.endswith(".openai.azure.com") or host.endswith(".azure.com") or "azure" in host:
        return "azure"
    if "deepseek" in host:
        return "deepseek"
    if "dashscope" in host or "aliyuncs" in host:
        return "qwen"
    if parsed.port == 11434 or "ollama" in host:
        return "ollama"
    if "vllm" in host:
        return "vllm"
    if "llama" in host or (parsed.path.rstrip("/") in ("", "/v1") and parsed.port == 8080):
        return "llamacpp"
    return "generic"


@dataclass(frozen=True)
class Endpoint:
    """Where and how to call: everything the client needs, resolved from Settings."""

    base_url: str
    api_key: str = ""
    key_source: str = "environment"
    """``environment`` (OPENAI_API_KEY), ``placeholder`` (a local server) or ``missing``."""
    model: str = ""
    provider: Provider = PROFILES["generic"]

    def __repr__(self) -> str:  # never show the key
        return (f"Endpoint(base_url={self.base_url!r}, model={self.model!r}, "
                f"provider={self.provider.name!r}, key={self.key_source})")

    @property
    def usable(self) -> bool:
        return self.key_source != "missing"


def resolve_endpoint(settings: Settings) -> Endpoint:
    name = (settings.llm_provider or "").strip().lower() or guess_provider(settings.llm_base_url)
    provider = PROFILES.get(name, PROFILES["generic"])
    base_url = settings.llm_base_url.strip() or OFFICIAL_URL
    key, source = settings.llm_api_key.get_secret_value(), "environment"
    if not key:
        if provider.needs_key:
            key, source = "", "missing"
        else:
            key, source = provider.placeholder_key or "not-needed", "placeholder"
    return Endpoint(base_url=base_url, api_key=key, key_source=source,
                    model=settings.llm_model, provider=provider)


def make_client(endpoint: Endpoint, timeout: float, retries: int) -> AsyncOpenAI:
    """An ``AsyncOpenAI`` client for ``endpoint`` (imported here: openai is heavy)."""
    from openai import AsyncOpenAI

    headers = {"api-key": endpoint.api_key} if endpoint.provider.name == "azure" else None
    return AsyncOpenAI(
        api_key=endpoint.api_key or "missing", base_url=endpoint.base_url,
        timeout=timeout, max_retries=max(0, retries), default_headers=headers,
    )
