"""Similar cases: searched when an index exists, full cards in the prompt, failures harmless."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from facilitator import locations
from facilitator.cases import Cases, Found
from facilitator.model import Hit
from facilitator.service import Service
from tests.llm.conftest import fast_settings, good_answer
from tests.openai_server import FakeOpenAI

CARDS = Path(__file__).resolve().parents[1] / "library" / "cards"


class ScriptedCases(Cases):
    """The cases use case with a scripted search (the library has its own tests)."""

    queries: list[str]
    fail = False

    def search(self, query: str, k: int = 5, departments: list[str] | None = None,
               tags: list[str] | None = None) -> Found:
        self.queries.append(query)
        if self.fail:
            raise RuntimeError("index exploded")
        return Found([Hit("integrator-proposal", "Our component only works inside a partner's system", 0.7,
                          "Resolution", "We teamed up with a system integrator")][:k])


class Searching(Service):
    """A service whose cases use case searches by script; the drafts ask it as they would the real one."""

    @cached_property
    def cases(self) -> ScriptedCases:
        scripted = ScriptedCases(self.home, self.settings, self._open_store)
        scripted.queries = []
        return scripted

    @property
    def queries(self) -> list[str]:
        return self.cases.queries

    @property
    def fail(self) -> bool:
        return self.cases.fail

    @fail.setter
    def fail(self, value: bool) -> None:
        self.cases.fail = value


def make(home: Path, server: FakeOpenAI) -> Searching:
    return Searching(home, fast_settings(server.base_url, libraries=[str(CARDS)]))


def test_cases_are_searched_and_given_in_full(server: FakeOpenAI, home: Path, notes_zh: Path) -> None:
    locations.index_dir(home).mkdir(parents=True)
    svc = make(home, server)
    info: list[str] = []
    server.add(good_answer(cited_cases=["integrator-proposal"]))
    draft = svc.drafts.draft(from_file=notes_zh, mode="llm", on_info=info.append)
    assert server.chats, (draft.warnings, info)
    assert len(svc.queries) == 1 and "钢管生锈" in svc.queries[0] and "清洗后的钢管" in svc.queries[0]
    prompt = server.chats[0].body["messages"][1]["content"]
    assert 'kind="case" id="integrator-proposal"' in prompt
    assert "## Situation" in prompt and "Keep the integrator informed of pricing early." in prompt
    assert draft.cited_cases == ["integrator-proposal"] and "similar cases: integrator-proposal" in info
    # the minutes name the case the model cited by the title it was shown, with the id
    assert "- 《Our component only works inside a partner's system》（integrator-proposal）" in draft.markdown


def test_a_failing_search_drafts_without_cases(server: FakeOpenAI, home: Path, notes_zh: Path) -> None:
    locations.index_dir(home).mkdir(parents=True)
    svc = make(home, server)
    svc.fail = True
    info: list[str] = []
    server.add(good_answer(cited_cases=["integrator-proposal"]))
    draft = svc.drafts.draft(from_file=notes_zh, mode="llm", on_info=info.append)
    assert draft.mode == "llm" and draft.cited_cases == []
    assert any("case search failed (RuntimeError: index exploded)" in line for line in info)
    assert 'kind="case"' not in server.chats[0].text()


def test_without_an_index_no_search_is_made(server: FakeOpenAI, home: Path, notes_zh: Path) -> None:
    svc = make(home, server)
    info: list[str] = []
    server.add(good_answer())
    assert svc.drafts.draft(from_file=notes_zh, mode="llm", on_info=info.append).mode == "llm"
    assert svc.queries == [] and any("no case index yet" in line for line in info)


def test_a_case_cited_in_the_meeting_is_named_by_title_in_the_llm_minutes(server: FakeOpenAI, home: Path) -> None:
    """Cited in the room (c), then drafted by the model, which cites nothing itself: the
    minutes still name the case by its card's title from the library."""
    svc = make(home, server)
    mid = svc.record.new_meeting("钢管生锈协调会").id
    assert mid is not None
    svc.record.capture(mid, "@吴工: 换软水清洗 截止 12月5日")
    svc.cases.cite(mid, "integrator-proposal")
    server.add(good_answer())
    draft = svc.drafts.draft(meeting_id=mid, mode="llm")
    assert draft.mode == "llm" and draft.cited_cases == ["integrator-proposal"]
    assert "- 《Our component only works inside a partner's system》（integrator-proposal）" in draft.markdown
