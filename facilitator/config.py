"""Typed settings from the home's ``config.toml`` and the environment (environment wins).

The API key is read from the environment only and is never written anywhere by the app.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from facilitator import locations
from facilitator.model import UserError

# environment variable -> settings field
NO_ENDPOINT = "no LLM endpoint configured: set OPENAI_BASE_URL or OPENAI_API_KEY, or use --offline"
"""What ``--llm`` (or any model feature) answers when ``Settings.llm_configured`` is false."""

ENV_NAMES: dict[str, str] = {
    "OPENAI_BASE_URL": "llm_base_url",
    "OPENAI_API_KEY": "llm_api_key",
    "FACILITATOR_LLM_MODEL": "llm_model",
    "FACILITATOR_LLM_TIMEOUT": "llm_timeout",
    "FACILITATOR_LLM_CONTEXT": "llm_context",
    "FACILITATOR_CHROMA_URL": "chroma_url",
    "FACILITATOR_EMBEDDINGS": "embeddings",
}


@dataclass
class Settings:
    llm_base_url: str = ""
    """Base URL of an OpenAI-compatible endpoint (``OPENAI_BASE_URL``); empty means the official API."""

    llm_api_key: str = field(default="", repr=False)
    """API key (``OPENAI_API_KEY``), environment only; never written to disk or printed."""

    llm_model: str = "gpt-4o-mini"
    """Chat model name sent to the endpoint (``FACILITATOR_LLM_MODEL``)."""

    llm_timeout: float = 60.0
    """Seconds to wait for the endpoint before giving up (``FACILITATOR_LLM_TIMEOUT``)."""

    llm_context: int = 8192
    """Context window of the model in tokens; the prompt is fitted to it (``FACILITATOR_LLM_CONTEXT``)."""

    llm_output_tokens: int = 1500
    """Tokens kept free for the model's answer when fitting the prompt."""

    llm_temperature: float = 0.2
    """Sampling temperature for drafts; low, because drafts should stick to the record."""

    llm_retries: int = 2
    """How many times the client retries a failed request (429, 5xx, connection errors)."""

    llm_provider: str = ""
    """Provider profile (openai, azure, deepseek, qwen, ollama, vllm, llamacpp); empty guesses from the URL."""

    chroma_url: str = ""
    """A Chroma server URL shared by a team (``FACILITATOR_CHROMA_URL``); empty means the embedded index."""

    embeddings: str = "e5"
    """Embedding backend: ``e5`` (bundled multilingual-e5-small) or ``openai`` (the endpoint's /embeddings)."""

    embeddings_model: str = "text-embedding-3-small"
    """Model name for the ``openai`` embedding backend."""

    libraries: list[str] = field(default_factory=list)
    """Extra folders of case cards to index beside the bundled corpus."""

    language: str = "zh"
    """Default language for new meetings and drafts: ``zh`` or ``en``."""

    keymap: dict[str, str] = field(default_factory=dict)
    """TUI key overrides from the ``[keymap]`` table: binding id -> keys, e.g. ``draft = "ctrl+d"``."""

    @property
    def llm_configured(self) -> bool:
        """An endpoint counts as configured when a base URL or an API key is set."""
        return bool(self.llm_base_url or self.llm_api_key)


_TYPES = {f.name: f.type for f in fields(Settings)}


def _coerce(name: str, value: Any, origin: str) -> Any:
    default = getattr(Settings(), name)
    try:
        if isinstance(default, bool):
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, dict):
            return dict(value)
        if isinstance(default, list):
            if isinstance(value, str):
                return [v for v in value.split(os.pathsep) if v]
            return [str(v) for v in value]
        return str(value)
    except (TypeError, ValueError):
        raise UserError(f"{origin}: setting {name!r} has an invalid value {value!r}") from None


def load_settings(home: Path, env: dict[str, str] | None = None) -> Settings:
    """Settings for this home: defaults < config.toml < environment."""
    env = dict(os.environ) if env is None else env
    values: dict[str, Any] = {}
    path = locations.config_path(home)
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise UserError(f"{path}: not valid TOML ({exc}); fix or remove the file") from None
        flat: dict[str, Any] = {}
        keymap = data.pop("keymap", {})
        if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
            raise UserError(f"{path}: [keymap] must map binding ids to key strings")
        values["keymap"] = {str(k): v for k, v in keymap.items()}
        for key, value in data.items():
            if isinstance(value, dict):  # [llm] model = ... -> llm_model
                for sub, subval in value.items():
                    flat[f"{key}_{sub}"] = subval
            else:
                flat[key] = value
        for key, value in flat.items():
            if key == "llm_api_key":
                continue  # the key comes from the environment only
            if key in _TYPES:
                values[key] = _coerce(key, value, str(path))
    for env_name, key in ENV_NAMES.items():
        raw = env.get(env_name)
        if raw is not None and raw.strip() != "":
            values[key] = _coerce(key, raw.strip(), env_name)
    settings = Settings(**values)
    if settings.embeddings not in ("e5", "openai"):
        raise UserError(f"embeddings must be 'e5' or 'openai', not {settings.embeddings!r}")
    if settings.language not in ("zh", "en"):
        raise UserError(f"language must be 'zh' or 'en', not {settings.language!r}")
    return settings
