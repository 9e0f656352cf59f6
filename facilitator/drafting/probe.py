"""The doctor's look at the LLM endpoint: one model list and one tiny structured call.

Apart from the drafting session because it serves ``facilitator doctor``, not a draft:
it answers "will drafting work here, and in which output mode" without drafting.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from facilitator.redact import scrub

if TYPE_CHECKING:
    from openai.types.shared_params import ResponseFormatJSONObject, ResponseFormatJSONSchema

    from facilitator.config import Settings

__all__ = ["check_endpoint"]


async def _probe(settings: Settings) -> list[tuple[str, bool, bool, str]]:
    import openai

    from facilitator.drafting.llm import _api_failure
    from facilitator.drafting.providers import make_client, resolve_endpoint

    endpoint = resolve_endpoint(settings)
    checks: list[tuple[str, bool, bool, str]] = []
    if not endpoint.usable:
        return [("llm-endpoint", True, True, f"no API key for {endpoint.base_url}: set OPENAI_API_KEY")]
    client = make_client(endpoint, min(settings.llm_timeout, 15.0), 0)
    try:
        try:
            ids = sorted(m.id for m in (await client.models.list()).data)
            listed = "listed" if endpoint.model in ids else "NOT listed"
            shown = ", ".join(ids[:8]) + (f" (+{len(ids) - 8})" if len(ids) > 8 else "")
            checks.append(("llm-endpoint", True, endpoint.model not in ids,
                           f"reachable; {len(ids)} models: {shown}; model {endpoint.model} {listed}"))
        except openai.NotFoundError:
            checks.append(("llm-endpoint", True, False, "reachable (no /models list)"))
        except openai.OpenAIError as exc:
            checks.append(("llm-endpoint", True, True, _api_failure(exc, endpoint, settings, False)))
            return checks
        schema = {"type": "object", "properties": {"ok": {"type": "boolean"}},
                  "required": ["ok"], "additionalProperties": False}
        formats: dict[str, ResponseFormatJSONSchema | ResponseFormatJSONObject] = {
            "json_schema": {"type": "json_schema", "json_schema": {"name": "probe", "strict": True, "schema": schema}},
            "json_object": {"type": "json_object"},
        }
        found = []
        for mode, fmt in formats.items():
            try:
                await client.chat.completions.create(
                    model=endpoint.model, response_format=fmt,
                    messages=[{"role": "user", "content": 'Answer with the JSON {"ok": true}.'}],
                    extra_body={endpoint.provider.max_tokens_param: 16})  # the provider's own name for it
                found.append(f"{mode} supported")
                break
            except (openai.BadRequestError, openai.UnprocessableEntityError) as exc:
                found.append(f"{mode} refused ({exc.status_code})")
            except openai.OpenAIError as exc:
                found.append(f"{mode}: {_api_failure(exc, endpoint, settings, False)}")
                break
        ok = any(f.endswith("supported") for f in found)
        checks.append(("llm-output", True, not ok, "structured output: " + "; ".join(found)
                       + ("" if ok else "; drafts fall back to plain text with tolerant JSON extraction")))
    finally:
        await client.close()
    return checks


def check_endpoint(settings: Settings) -> list[tuple[str, bool, bool, str]]:
    """(name, ok, warning, detail) lines for ``doctor``: one model list and one tiny chat
    call (two if json_schema is refused), no retries, a short timeout, the key scrubbed."""
    results = asyncio.run(_probe(settings))
    return [(n, ok, warn, scrub(d, settings.llm_api_key.get_secret_value())) for n, ok, warn, d in results]
