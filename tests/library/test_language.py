"""Issue 24, point 3: a Chinese user's search is led by Chinese cards unless another
language's card is clearly better, and a foreign card is named in the user's language.

The bundled corpus with its shipped E5 vectors and the real query model: the ranking the
user sees, not a stand-in.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from facilitator.config import Settings
from facilitator.library.embed import E5Embedder
from facilitator.library.index import CaseIndex
from facilitator.library.search import CaseSearcher
from tests.conftest import RunCli


@pytest.fixture(scope="module")
def corpus_home(tmp_path_factory: pytest.TempPathFactory, e5: E5Embedder) -> Path:
    home = tmp_path_factory.mktemp("corpus-language-home")
    CaseIndex(home, Settings(), embedder=e5).update([], builtin=True)
    (home / "config.toml").write_text('language = "zh"\n', encoding="utf-8")
    return home


@pytest.fixture(scope="module")
def searcher(corpus_home: Path, e5: E5Embedder) -> CaseSearcher:
    return CaseSearcher(corpus_home, Settings(), libraries=[], embedder=e5)


def test_a_few_stray_translated_words_do_not_lift_an_english_card(searcher: CaseSearcher) -> None:
    """``供应商不接小单`` read through the glossary is ``supplier ... order``: words the English
    EDI card uses in passing. It used to come second, above the Chinese cards."""
    ids = [h.case_id for h in searcher.search("供应商不接小单", k=5)]
    assert ids[0] == "supplier-small-order"
    assert "retailer-edi-asn" not in ids[:2], ids


def test_an_english_card_that_is_clearly_better_still_comes_first(searcher: CaseSearcher) -> None:
    """Crossing languages stays possible: a Chinese question about the EDI card's own obstacle."""
    assert searcher.search("零售商说没有电子发货通知就拒收托盘，没人懂EDI", k=3)[0].case_id == "retailer-edi-asn"
    assert searcher.search("IT refuses to install a video conferencing system for a customer",
                           k=3)[0].case_id == "video-conference-budget"


def test_the_command_line_names_a_foreign_card_in_the_user_s_language(corpus_home: Path, run_cli: RunCli) -> None:
    out = run_cli("--home", str(corpus_home), "search", "零售商没有电子发货通知就拒收托盘", "-k", "3", use_home=False)
    assert out.returncode == 0, out.stderr
    first = out.stdout.splitlines()[0]
    assert "[retailer-edi-asn]" in first and "零售商没有电子发货通知就拒收托盘，IT和物流都不懂EDI" in first, out.stdout
    assert "Retailer will refuse" not in out.stdout
    for heading in ("Situation", "Stuck point", "Real obstacle", "Resolution", "Lesson", "Overview"):
        assert f"   {heading}:" not in out.stdout, out.stdout
    # the JSON keeps the card's own title: it is data, and its shape is a contract
    out = run_cli("--home", str(corpus_home), "search", "零售商没有电子发货通知就拒收托盘", "-k", "1", "--json",
                  use_home=False)
    assert '"Retailer will refuse pallets' in out.stdout
