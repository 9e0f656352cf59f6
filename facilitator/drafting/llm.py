"""LLM drafting over any OpenAI-compatible endpoint: map over windows, reduce in code.

Two steps, so that a UI can keep its event loop free:

1. :func:`prepare` (blocking, run it in a thread): the prompt for the material, fitted
   to the context with tiktoken. When the notes and transcript do not fit whole, they
   are split into overlapping windows (``windows.py``) and each window gets its own
   prompt; nothing is trimmed away.
2. :func:`run` (an async generator): asks the model, window by window, only for what
   that part of the meeting holds and the record lacks, each item with its quote. It
   yields text chunks (``str``, only when the material is one window), :class:`Restart`
   when a new attempt begins (the text so far is void), a :class:`Progress` per window,
   and finally one :class:`Outcome`. The answers are merged and checked in code
   (``grounding.py``) and the offline renderer writes the summary: no second model
   call rewrites what was found.

Structured output is asked for with ``json_schema``; a server that refuses it (400)
is asked again with ``json_object``, then with no ``response_format`` at all, and what
a server refused is remembered for the process. The answer is read tolerantly and
validated with pydantic; a bad one gets one repair request; one cut at the output
limit keeps its complete items and the model is asked once for the rest. A window
whose stream broke or came back empty is asked once more; one that still fails is
reported by name, never dropped in silence. A failure that no other window can escape
(no key, refused connection, wrong key, the time limit) ends the run. With no window
read, the offline draft stands in and ``Outcome.failure`` is one line naming the cause.
The whole run is bounded by one deadline, ``FACILITATOR_LLM_TIMEOUT`` per window,
client retries included. The API key is scrubbed from all the model returns before
it is parsed, shown or kept.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

from facilitator.config import Settings
from facilitator.drafting.providers import MODES, Endpoint, make_client, resolve_endpoint
from facilitator.model import Draft, Meeting, Progress, Restart
from facilitator.redact import StreamMasker
from facilitator.redact import scrub as _scrub

__all__ = ["DraftFailure", "Outcome", "Prepared", "Progress", "Restart", "WindowPrompt", "prepare", "run",
           "scrub", "scrub_draft"]

_UNSUPPORTED: dict[tuple[str, str], set[str]] = {}
"""(base URL, model) -> structured-output modes that endpoint refused in this process."""
_FORMAT_WORDS = re.compile(r"response_format|json_schema|json_object|schema|structured|format", re.I)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
WINDOW_OUTPUT = 1024
"""Output tokens asked for per window of a long meeting: its answer is a few items."""


def scrub(text: str, secret: str) -> str:
    return _scrub(text, secret)


@dataclass
class WindowPrompt:
    index: int
    total: int
    span: str
    system: str
    user: str
    output_tokens: int


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
    windows: list[WindowPrompt] = field(default_factory=list)
    """One per part of the material; a single one when everything fits."""


@dataclass
class Outcome:
    draft: Draft
    raw: str = ""
    failure: str | None = None
    """One line naming the cause when the offline draft stands in, else None."""
    info: list[str] = field(default_factory=list)
    mode: str | None = None
    notice: str | None = None
    """Not a failure, but the offline draft stands in: the model found nothing to add."""


class DraftFailure(Exception):
    """Drafting with the model failed; the message is the one line the user sees."""

    def __init__(self, message: str, retry: bool = False, fatal: bool = False) -> None:
        super().__init__(message)
        self.retry = retry
        """Asking the same window once more may well succeed (a cut stream, a blank answer)."""
        self.fatal = fatal
        """No other window can succeed either (no key, refused connection, time limit)."""


def _one_line(text: str, limit: int = 200) -> str:
    text = " ".join(_CONTROL.sub(" ", text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def prepare(settings: Settings, meeting: Meeting, base: Draft, transcript: list[str] | None = None,
            cases: list[Any] | None = None, allowed_cases: set[str] | None = None) -> Prepared:
    """Build and fit the prompts (blocking: tiktoken, templates). Raises DraftFailure."""
    import secrets

    from facilitator.drafting.budget import (
        Budget,
        BudgetError,
        TokenizerError,
        fit_prompt,
        messages_tokens,
    )
    from facilitator.drafting.grounding import build_material
    from facilitator.drafting.prompting import build_sections, part_label, split_notes
    from facilitator.drafting.windows import split_windows

    transcript = list(transcript or [])
    notes, stamped = split_notes(meeting)
    material = build_material(meeting, base, [*notes, *stamped, *transcript])
    allowed = set(allowed_cases or ()) | {c.case_id for c in cases or []} | set(base.cited_cases)
    nonce = secrets.token_hex(4)
    try:
        sections = build_sections(meeting, base, transcript, cases, nonce)
        whole = fit_prompt(sections, Budget(settings.llm_context, settings.llm_output_tokens))
        if not {"notes", "transcript"} & set(whole.trimmed):
            one = WindowPrompt(1, 1, "", whole.system, whole.user, settings.llm_output_tokens)
            return Prepared(meeting, base, whole.system, whole.user, material, allowed, [whole.summary()], [one])
        output = min(settings.llm_output_tokens, max(WINDOW_OUTPUT, settings.llm_context // 4))
        budget = Budget(settings.llm_context, output)
        fixed = messages_tokens(sections.system, sections.render("", "", ""))
        room = budget.prompt - fixed - 60  # the part label and block tags
        cases_tokens = whole.original.get("cases", 0)
        room -= min(cases_tokens, room // 5)
        if room < 200:
            raise BudgetError(
                f"the meeting record and instructions leave {max(room, 0)} tokens of the {budget.prompt} "
                f"the context allows (context {settings.llm_context}) for the transcript; raise "
                "FACILITATOR_LLM_CONTEXT if the model allows it, or use --offline")
        windows = split_windows(notes, [*stamped, *transcript], room, min(200, room // 8))
        prompts = []
        for w in windows:
            part = part_label(sections.lang, w.index, w.total, w.span)
            fitted = fit_prompt(build_sections(meeting, base, w.transcript, cases, nonce, notes=w.notes,
                                               part=part), budget)
            prompts.append(WindowPrompt(w.index, w.total, w.span, fitted.system, fitted.user, output))
    except (BudgetError, TokenizerError) as exc:
        raise DraftFailure(str(exc)) from None
    info = [f"{whole.summary()}; read in {len(prompts)} overlapping windows of up to {room} tokens "
            f"(answers of up to {output} tokens)"]
    return Prepared(meeting, base, prompts[0].system, prompts[0].user, material, allowed, info, prompts)


@dataclass
class _End:
    text: str
    finish: str | None
    refusal: str
    usage: Any = None


class _Scrubbed:
    """Streams text with the key masked in every encoding, even split across chunks
    (``redact.StreamMasker``), and control characters taken out of what is shown."""

    def __init__(self, secret: str) -> None:
        self.masker = StreamMasker(secret)

    def feed(self, chunk: str, final: bool = False) -> str:
        out = self.masker.feed(chunk) + (self.masker.finish() if final else "")
        return _CONTROL.sub("", out)


async def _attempt(client: Any, endpoint: Endpoint, settings: Settings, messages: list[dict[str, str]],
                   mode: str, output_tokens: int) -> AsyncIterator[str | _End]:
    from facilitator.drafting.schema import response_format

    kwargs: dict[str, Any] = {
        "model": endpoint.model, "messages": messages, "temperature": settings.llm_temperature,
        "stream": True, endpoint.provider.max_tokens_param: output_tokens,
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


def _as_failure(exc: Exception, endpoint: Endpoint, settings: Settings, streamed: bool) -> DraftFailure:
    """The client's exception as a DraftFailure that says whether to retry or stop."""
    import openai

    line = scrub(_api_failure(exc, endpoint, settings, streamed), settings.llm_api_key.get_secret_value())
    if isinstance(exc, openai.APITimeoutError):
        return DraftFailure(line, fatal=True)
    if isinstance(exc, openai.APIConnectionError):
        return DraftFailure(line, retry=streamed, fatal=not streamed)
    if isinstance(exc, openai.APIStatusError):
        return DraftFailure(line, fatal=True)  # the client already retried 429 and 5xx
    return DraftFailure(line, retry=isinstance(exc, openai.APIError))


def _unsupported_mode(exc: Exception) -> bool:
    import openai

    if not isinstance(exc, openai.BadRequestError | openai.UnprocessableEntityError):
        return False
    return bool(_FORMAT_WORDS.search(f"{getattr(exc, 'message', '')} {getattr(exc, 'body', '')}"))


def _joined(raws: list[tuple[str, str]], secret: str) -> str:
    raws = [(label, text) for label, text in raws if text]
    if len(raws) == 1:
        return scrub(raws[0][1], secret)
    return "\n".join(f"----- attempt {n}: {label} -----\n{scrub(text, secret)}"
                     for n, (label, text) in enumerate(raws, 1))


async def run(settings: Settings, prepared: Prepared) -> AsyncIterator[str | Restart | Progress | Outcome]:
    """Read every window, merge and check the answers; the last item is an :class:`Outcome`."""
    from facilitator.drafting.grounding import ground, render_grounded
    from facilitator.drafting.schema import LlmAnswer

    endpoint = resolve_endpoint(settings)
    secret = settings.llm_api_key.get_secret_value()
    info = list(prepared.info)
    raws: list[tuple[str, str]] = []
    windows = prepared.windows or [WindowPrompt(1, 1, "", prepared.system, prepared.user,
                                                settings.llm_output_tokens)]
    single = len(windows) == 1
    combined = LlmAnswer()
    failures: list[Progress] = []
    read = 0
    modes: set[str] = set()
    fatal: str | None = None
    if not endpoint.usable:
        fatal = (f"no API key for {endpoint.base_url}: set OPENAI_API_KEY "
                 "(or OPENAI_BASE_URL for a local server)")
    loop = asyncio.get_running_loop()
    client = make_client(endpoint, settings.llm_timeout, settings.llm_retries) if fatal is None else None
    deadline = loop.time() + settings.llm_timeout * len(windows)  # from here: importing openai is not the endpoint's time
    try:
        for w in windows:
            started = time.monotonic()
            if fatal is not None:
                failures.append(Progress(w.index, w.total, w.span, 0.0, failure=fatal))
                if not single:
                    yield failures[-1]
                continue
            answer: Any = None
            failure: DraftFailure | None = None
            for attempt in (1, 2):
                failure = None
                try:
                    async with asyncio.timeout_at(deadline):
                        async for item in _converse(client, endpoint, settings, w, raws, info, modes):
                            if isinstance(item, LlmAnswer):
                                answer = item
                            elif single:
                                yield item
                except TimeoutError:
                    failure = DraftFailure(
                        f"no complete answer from {endpoint.base_url} within {settings.llm_timeout:g} s "
                        f"per window, retries included (timeout)", fatal=True)
                except DraftFailure as exc:
                    failure = exc
                if failure is None or not failure.retry or attempt == 2 or loop.time() >= deadline:
                    break
                info.append(f"{'' if single else f'window {w.index}/{w.total}: '}asking once more: {failure}")
                if single:
                    yield Restart(f"{failure}; asking once more")
            seconds = time.monotonic() - started
            if failure is not None:
                if failure.fatal:
                    fatal = str(failure)
                failures.append(Progress(w.index, w.total, w.span, seconds, failure=str(failure)))
                if not single:
                    yield failures[-1]
                continue
            read += 1
            combined.extend(answer)
            if not single:
                yield Progress(w.index, w.total, w.span, seconds, items=answer.count())
    finally:
        if client is not None:
            await client.close()
    raw = _joined(raws, secret)
    info = [scrub(i, secret) for i in info]
    if read == 0:
        yield Outcome(draft=prepared.base, raw=raw, failure=scrub(failures[0].failure or "", secret), info=info)
        return
    grounded = ground(prepared.base, combined, prepared.meeting, prepared.material, prepared.allowed_cases)
    draft = grounded.draft
    for f in failures:
        draft.warnings.append(f"window {f.index}/{f.total} ({f.span}) of the material was not read by the "
                              f"model ({f.failure}); check that part by hand")
    mode = "/".join(sorted(modes)) or None
    if grounded.added == 0:
        notice = (f"the model found nothing to add to the record in {read} of {len(windows)} "
                  f"part{'s' if len(windows) != 1 else ''} of the material; showing the offline draft")
        yield Outcome(draft=prepared.base, raw=raw, info=info, mode=mode, notice=notice)
        return
    scrub_draft(draft, secret)
    draft.markdown = render_grounded(grounded, prepared.meeting)
    yield Outcome(draft=draft, raw=raw, info=info, mode=mode)


def scrub_draft(draft: Draft, secret: str) -> Draft:
    """Mask the key in every text of a draft, in place: a JSON escape (``\\u0073k-...``)
    hides a key from the raw text until the answer is parsed."""
    if not secret or len(secret) < 4:
        return draft
    for r in draft.responsibilities:
        r.item, r.owner, r.basis = (scrub(r.item, secret), r.owner and scrub(r.owner, secret),
                                    r.basis and scrub(r.basis, secret))
    for a in draft.actions:
        a.action, a.owner = scrub(a.action, secret), a.owner and scrub(a.owner, secret)
    for key in ("decisions", "obstacles", "open_questions", "cited_cases", "warnings"):
        setattr(draft, key, [scrub(t, secret) for t in getattr(draft, key)])
    for g in draft.gaps:
        g.message = scrub(g.message, secret)
    for e in draft.evidence:
        e.text, e.quote = scrub(e.text, secret), e.quote and scrub(e.quote, secret)
        e.flags = [scrub(f, secret) for f in e.flags]
    draft.markdown = scrub(draft.markdown, secret)
    return draft


async def _converse(client: Any, endpoint: Endpoint, settings: Settings, window: WindowPrompt,
                    raws: list[tuple[str, str]], info: list[str],
                    modes_used: set[str]) -> AsyncIterator[Any]:
    """One window: stream, parse, repair once, continue once after a cut; yields text
    chunks and :class:`Restart` items, and last the window's ``LlmAnswer``."""
    from facilitator.drafting.prompting import continue_message, repair_message
    from facilitator.drafting.schema import MAX_ITEMS, AnswerError, LlmAnswer, parse_answer

    secret = settings.llm_api_key.get_secret_value()
    where = "" if window.total == 1 else f"window {window.index}/{window.total} "
    refused = _UNSUPPORTED.setdefault((endpoint.base_url, endpoint.model), set())
    modes = [m for m in endpoint.provider.modes if m not in refused] or [MODES[-1]]
    messages = [{"role": "system", "content": window.system}, {"role": "user", "content": window.user}]
    repaired = continued = False
    kept: LlmAnswer | None = None
    index = 0
    while index < len(modes):
        mode = modes[index]
        label = where + mode + (" (repair)" if repaired else "") + (" (rest)" if continued else "")
        raws.append((label, ""))
        view = _Scrubbed(secret)
        end: _End | None = None
        try:
            async for piece in _attempt(client, endpoint, settings, messages, mode, window.output_tokens):
                if isinstance(piece, _End):
                    end = piece
                    continue
                raws[-1] = (label, raws[-1][1] + piece)
                shown = view.feed(piece)
                if shown:
                    yield shown
        except DraftFailure:
            raise
        except Exception as exc:
            if _unsupported_mode(exc) and mode != "text" and not repaired and not continued:
                refused.add(mode)
                raws.pop()
                index += 1
                info.append(f"{endpoint.base_url} refused response_format {mode}; trying "
                            f"{modes[index] if index < len(modes) else 'nothing else'}")
                yield Restart(f"{mode} not supported")
                continue
            if kept is not None:  # the rest was lost, what was kept stands
                info.append(f"{where}the request for the rest of a cut answer failed: "
                            f"{_api_failure(exc, endpoint, settings, bool(raws[-1][1]))}")
                yield kept
                return
            raise _as_failure(exc, endpoint, settings, bool(raws[-1][1])) from None
        tail = view.feed("", final=True)
        if tail:
            yield tail
        assert end is not None
        modes_used.add(mode)
        if end.usage is not None:
            info.append(f"{where}usage: prompt {getattr(end.usage, 'prompt_tokens', '?')}, "
                        f"completion {getattr(end.usage, 'completion_tokens', '?')} tokens")
        info.append(f"{where}structured output: {mode}")
        text = scrub(end.text, secret)
        if end.refusal:
            raws[-1] = (label, raws[-1][1] + end.refusal)
            raise DraftFailure(f"the model refused to draft: {_one_line(scrub(end.refusal, secret), 120)}")
        if end.finish == "content_filter":
            raise DraftFailure("the endpoint's content filter stopped the answer")
        if end.finish is None:
            raise DraftFailure(f"the stream from {endpoint.base_url} ended before the model finished "
                               "(stream cut)", retry=True)
        if not text.strip():
            if kept is not None:
                yield kept
                return
            raise DraftFailure("the model returned an empty answer", retry=True)
        cut = end.finish == "length"
        try:
            answer = parse_answer(text, partial=cut)
        except AnswerError as exc:
            if cut and kept is not None and kept.count():
                yield kept
                return
            if cut and continued:
                raise DraftFailure(
                    f"the answer was cut off at the output limit ({window.output_tokens} tokens, "
                    "finish_reason=length) before the JSON was complete") from None
            if cut:
                answer = LlmAnswer()
            elif repaired:
                raise DraftFailure(f"the model's answer is not a valid draft after one repair "
                                   f"request: {exc}") from None
            else:
                repaired = True
                messages = [*messages[:2], {"role": "assistant", "content": text},
                            {"role": "user", "content": repair_message(str(exc))}]
                info.append(f"{where}asked the model to repair its answer: {exc}")
                yield Restart(f"repairing: {exc}")
                continue
        if kept is not None:
            kept.extend(answer)
            answer = kept
        if cut and not continued:
            continued = True
            kept = answer
            titles = [i.item for i in answer.responsibilities] + [a.action for a in answer.actions] + [
                t.text for k in ("decisions", "obstacles", "open_questions") for t in getattr(answer, k)]
            messages = [*messages[:2], {"role": "assistant", "content": text},
                        {"role": "user", "content": continue_message(titles, MAX_ITEMS // 2)}]
            info.append(f"{where}the answer was cut at the output limit ({window.output_tokens} tokens); "
                        f"kept its {answer.count()} complete items and asked for the rest")
            yield Restart("cut at the output limit; asking for the rest")
            continue
        if cut:
            info.append(f"{where}the rest was cut at the output limit too; kept its complete items")
        yield answer
        return
    raise DraftFailure(f"{endpoint.base_url} refused every structured-output mode", fatal=True)
