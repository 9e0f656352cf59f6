"""LLM drafting over any OpenAI-compatible endpoint, streamed, with the offline draft as net.

Two steps, so that a UI can keep its event loop free:

1. :func:`prepare` (blocking, run it in a thread): offline draft of the record,
   prompt from the templates, fitted to the context with tiktoken.
2. :func:`run` (an async generator): streams the answer through ``AsyncOpenAI``,
   yielding text chunks (``str``), :class:`Restart` when a new attempt begins (the
   text so far is void), and finally one :class:`Outcome`.

Structured output is asked for with ``json_schema``; a server that refuses it (400)
is asked again with ``json_object``, then with no ``response_format`` at all, and
what a server refused is remembered for the process. The answer is read tolerantly
(fenced or surrounded JSON, extra keys) and validated with pydantic; a bad one gets
one repair request. Every failure (no key, refused connection, timeout, 429/5xx
after the client's retries, a cut stream, an SSE error event, ``length``, a blank
answer, a refusal, invalid JSON) ends in an :class:`Outcome` whose draft is the
offline one and whose ``failure`` is one line naming the cause. The raw text of
every attempt is kept in ``Outcome.raw``. The API key is scrubbed from everything
this module yields.
"""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from facilitator.config import Settings
from facilitator.drafting.providers import MODES, Endpoint, make_client, resolve_endpoint
from facilitator.model import Draft, Meeting, Restart
from facilitator.redact import scrub

__all__ = ["DraftFailure", "Outcome", "Prepared", "Restart", "prepare", "run", "scrub"]

_UNSUPPORTED: dict[tuple[str, str], set[str]] = {}
"""(base URL, model) -> structured-output modes that endpoint refused in this process."""
_FORMAT_WORDS = re.compile(r"response_format|json_schema|json_object|schema|structured|format", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@dataclass
class Prepared:
    meeting: Meeting
    base: Draft
    """The offline draft: the record plus quick-capture lines, and the fallback."""
    system: str
    user: str
    material: Any
    allowed_cases: set[str]
    info: list[str] = field(default_factory=list)


@dataclass
class Outcome:
    draft: Draft
    raw: str = ""
    failure: str | None = None
    """One line naming the cause when the offline draft stands in, else None."""
    info: list[str] = field(default_factory=list)
    mode: str | None = None


class DraftFailure(Exception):
    """Drafting with the model failed; the message is the one line the user sees."""


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def prepare(settings: Settings, meeting: Meeting, base: Draft, transcript: list[str] | None = None,
            cases: list[Any] | None = None, allowed_cases: set[str] | None = None) -> Prepared:
    """Build and fit the prompt (blocking: tiktoken, templates). Raises DraftFailure."""
    from facilitator.drafting.budget import Budget, BudgetError, TokenizerError, fit_prompt
    from facilitator.drafting.grounding import build_material
    from facilitator.drafting.prompting import build_sections, split_notes

    transcript = list(transcript or [])
    sections = build_sections(meeting, base, transcript, cases)
    try:
        fitted = fit_prompt(sections, Budget(settings.llm_context, settings.llm_output_tokens))
    except (BudgetError, TokenizerError) as exc:
        raise DraftFailure(str(exc)) from None
    notes, stamped = split_notes(meeting)
    material = build_material(meeting, base, [*notes, *stamped, *transcript])
    allowed = set(allowed_cases or ()) | {c.case_id for c in cases or []} | set(base.cited_cases)
    return Prepared(meeting, base, fitted.system, fitted.user, material, allowed, [fitted.summary()])


@dataclass
class _End:
    text: str
    finish: str | None
    refusal: str
    usage: Any = None


class _Scrubbed:
    """Streams text with the key masked, holding back a key's length so a key split
    across chunks is masked too."""

    def __init__(self, secret: str) -> None:
        self.secret = secret if len(secret) >= 4 else ""
        self.text = ""
        self.sent = 0

    def feed(self, chunk: str, final: bool = False) -> str:
        self.text += chunk
        safe = _CONTROL.sub("", scrub(self.text, self.secret))
        upto = len(safe) if final or not self.secret else max(self.sent, len(safe) - len(self.secret) + 1)
        out, self.sent = safe[self.sent:upto], upto
        return out


async def _attempt(client: Any, endpoint: Endpoint, settings: Settings,
                   messages: list[dict[str, str]], mode: str) -> AsyncIterator[str | _End]:
    from facilitator.drafting.schema import response_format

    kwargs: dict[str, Any] = {
        "model": endpoint.model, "messages": messages, "temperature": settings.llm_temperature,
        "stream": True, endpoint.provider.max_tokens_param: settings.llm_output_tokens,
    }
    fmt = response_format(mode)
    if fmt is not None:
        kwargs["response_format"] = fmt
    if endpoint.provider.stream_usage:
        kwargs["stream_options"] = {"include_usage": True}
    stream = await client.chat.completions.create(**kwargs)
    parts: list[str] = []
    refusal: list[str] = []
    finish: str | None = None
    usage = None
    async for chunk in stream:
        if getattr(chunk, "usage", None):
            usage = chunk.usage
        for choice in chunk.choices or []:
            delta = choice.delta
            if delta is not None and delta.content:
                parts.append(delta.content)
                yield delta.content
            if delta is not None and getattr(delta, "refusal", None):
                refusal.append(delta.refusal)
            if choice.finish_reason:
                finish = choice.finish_reason
    yield _End("".join(parts), finish, "".join(refusal), usage)


def _api_failure(exc: Exception, endpoint: Endpoint, settings: Settings, streamed: bool) -> str:
    """One line for an exception from the client."""
    import openai

    where = endpoint.base_url
    detail = _one_line(re.sub(r"^Error code: \d+ - ", "", getattr(exc, "message", "") or str(exc)), 160)
    if isinstance(exc, openai.APITimeoutError):
        return f"no answer from {where} within {settings.llm_timeout:g} s (timeout)"
    if isinstance(exc, openai.APIConnectionError):
        if streamed:
            return f"the connection to {where} dropped in the middle of the answer (stream cut)"
        return f"cannot connect to {where} (connection refused or unreachable)"
    if isinstance(exc, openai.AuthenticationError | openai.PermissionDeniedError):
        return (f"{where} refused the API key ({exc.status_code}): check OPENAI_API_KEY"
                f"{' (' + detail + ')' if detail else ''}")
    if isinstance(exc, openai.RateLimitError):
        return f"{where} kept answering 429 (rate limited) after {settings.llm_retries} retries: {detail}"
    if isinstance(exc, openai.NotFoundError):
        return f"{where} does not know the model {endpoint.model!r} or the path (404): {detail}"
    if isinstance(exc, openai.APIStatusError):
        if exc.status_code >= 500:
            return (f"{where} failed with a server error ({exc.status_code}) after "
                    f"{settings.llm_retries} retries: {detail}")
        return f"{where} rejected the request ({exc.status_code}): {detail}"
    if isinstance(exc, openai.APIError):
        return f"{where} reported an error in the middle of the answer: {detail}"
    return f"the LLM client failed: {type(exc).__name__}: {detail}"


def _unsupported_mode(exc: Exception) -> bool:
    import openai

    if not isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError):
        return False
    return bool(_FORMAT_WORDS.search(f"{getattr(exc, 'message', '')} {getattr(exc, 'body', '')}"))


async def run(settings: Settings, prepared: Prepared) -> AsyncIterator[str | Restart | Outcome]:
    """Stream one LLM draft; the last item is always an :class:`Outcome`."""
    endpoint = resolve_endpoint(settings)
    secret = settings.llm_api_key
    info = list(prepared.info)
    raws: list[tuple[str, str]] = []
    try:
        if not endpoint.usable:
            raise DraftFailure(f"no API key for {endpoint.base_url}: set OPENAI_API_KEY "
                               "(or OPENAI_BASE_URL for a local server)")
        client = make_client(endpoint, settings.llm_timeout, settings.llm_retries)
        try:
            async for item in _converse(client, endpoint, settings, prepared, raws, info):
                yield item
            return
        finally:
            await client.close()
    except DraftFailure as exc:
        failure = scrub(str(exc), secret)
    except Exception as exc:  # noqa: BLE001 - any client failure falls back, in one line
        failure = scrub(_api_failure(exc, endpoint, settings, bool(raws and raws[-1][1])), secret)
    yield Outcome(draft=prepared.base, raw=_joined(raws, secret), failure=failure,
                  info=[scrub(i, secret) for i in info])


def _joined(raws: list[tuple[str, str]], secret: str) -> str:
    if len(raws) == 1:
        return scrub(raws[0][1], secret)
    return "\n".join(f"----- attempt {n}: {label} -----\n{scrub(text, secret)}"
                     for n, (label, text) in enumerate(raws, 1))


async def _converse(client: Any, endpoint: Endpoint, settings: Settings, prepared: Prepared,
                    raws: list[tuple[str, str]], info: list[str]) -> AsyncIterator[str | Restart | Outcome]:
    from facilitator.drafting.grounding import ground, render_grounded
    from facilitator.drafting.prompting import repair_message
    from facilitator.drafting.schema import AnswerError, parse_answer

    secret = settings.llm_api_key
    refused = _UNSUPPORTED.setdefault((endpoint.base_url, endpoint.model), set())
    modes = [m for m in endpoint.provider.modes if m not in refused] or [MODES[-1]]
    messages = [{"role": "system", "content": prepared.system},
                {"role": "user", "content": prepared.user}]
    repaired = False
    index = 0
    while index < len(modes):
        mode = modes[index]
        label = mode + (" (repair)" if repaired else "")
        raws.append((label, ""))
        view = _Scrubbed(secret)
        end: _End | None = None
        try:
            async for piece in _attempt(client, endpoint, settings, messages, mode):
                if isinstance(piece, _End):
                    end = piece
                    continue
                raws[-1] = (label, raws[-1][1] + piece)
                shown = view.feed(piece)
                if shown:
                    yield shown
        except Exception as exc:
            if _unsupported_mode(exc) and mode != "text" and not repaired:
                refused.add(mode)
                raws.pop()
                index += 1
                info.append(f"{endpoint.base_url} refused response_format {mode}; trying "
                            f"{modes[index] if index < len(modes) else 'nothing else'}")
                yield Restart(f"{mode} not supported")
                continue
            raise
        tail = view.feed("", final=True)
        if tail:
            yield tail
        assert end is not None
        if end.usage is not None:
            info.append(f"usage: prompt {getattr(end.usage, 'prompt_tokens', '?')}, "
                        f"completion {getattr(end.usage, 'completion_tokens', '?')} tokens")
        info.append(f"structured output: {mode}")
        if end.refusal:
            raws[-1] = (label, raws[-1][1] + end.refusal)
            raise DraftFailure(f"the model refused to draft: {_one_line(end.refusal, 120)}")
        if end.finish == "content_filter":
            raise DraftFailure("the endpoint's content filter stopped the answer")
        if end.finish is None:
            raise DraftFailure(f"the stream from {endpoint.base_url} ended before the model finished "
                               "(stream cut)")
        if not end.text.strip():
            raise DraftFailure("the model returned an empty answer")
        try:
            answer = parse_answer(end.text)
        except AnswerError as exc:
            if end.finish == "length":
                raise DraftFailure(
                    f"the answer was cut off at the output limit ({settings.llm_output_tokens} "
                    "tokens, finish_reason=length) before the JSON was complete") from None
            if repaired:
                raise DraftFailure(f"the model's answer is not a valid draft after one repair "
                                   f"request: {exc}") from None
            repaired = True
            messages = [*messages[:2], {"role": "assistant", "content": end.text},
                        {"role": "user", "content": repair_message(str(exc))}]
            info.append(f"asked the model to repair its answer: {exc}")
            yield Restart(f"repairing: {exc}")
            continue
        grounded = ground(prepared.base, answer, prepared.meeting, prepared.material,
                          prepared.allowed_cases)
        grounded.draft.markdown = render_grounded(grounded, prepared.meeting)
        yield Outcome(draft=grounded.draft, raw=_joined(raws, secret), info=info, mode=mode)
        return
    raise DraftFailure(f"{endpoint.base_url} refused every structured-output mode")
