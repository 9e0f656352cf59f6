"""Convert AMI meetings (dialogue acts and the human abstractive summaries' action and
decision sentences) into the extraction bench's transcript + gold format.

    python bench/tools/ami_convert.py SOURCE_DIR OUT_DIR MEETING...

``SOURCE_DIR`` holds the AMI export of Shang et al. (2018) (``<meeting>.da``, ``.actions``,
``.decisions``; github.com/bearblog/CoreRank, ``data/meeting/ami``), itself drawn from the
AMI Meeting Corpus manual annotations (CC BY 4.0). Each meeting becomes ``<meeting>.txt``
(title line with a date, then ``Role: words`` turns: consecutive acts of one speaker joined,
annotation marks removed, disfluencies kept) and ``<meeting>.gold.json``: the actions and
decisions as the AMI annotators wrote them (an action's ``action`` is its sentence without
the subject, kept whole in ``sentence``), the owner being the role the action sentence names (none when it names the whole team), no due dates (none are said). The
meeting date is made up: AMI records none. Nothing here is written by us but the format.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROLES = {"PM": "Project Manager", "ID": "Industrial Designer", "UI": "User Interface", "ME": "Marketing Expert"}
DATE = "2026-11-02"
_OWNER = [
    (re.compile(r"\b[Pp]roject [Mm]anager\b|\bPM\b"), "Project Manager"),
    (re.compile(r"\bindust?r?ial\b|\bID\b", re.I), "Industrial Designer"),
    (re.compile(r"\binterface\b|\bUI\b", re.I), "User Interface"),
    (re.compile(r"\bmarketing\b", re.I), "Marketing Expert"),
]
_MARK = re.compile(r"\{(?:vocalsound|nonvocalsound|gap|comment)[^}]*\}")


def clean(words: str) -> str:
    text = _MARK.sub("", words).replace("{disfmarker}", "-")
    text = re.sub(r"\b([A-Z])_(?=[A-Z]_|\b)", r"\1", text)  # spelt letters: I_D_ -> ID
    text = re.sub(r"_", "", text)
    text = re.sub(r"\s+([.,?!])", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" -")


def turns(da_text: str) -> list[tuple[str, str]]:
    acts = []
    for line in da_text.splitlines():
        cols = line.split("\t")
        if len(cols) < 9:
            continue
        words = clean(cols[8])
        if words:
            acts.append((float(cols[1]), ROLES.get(cols[4], cols[4]), words))
    acts.sort(key=lambda a: a[0])
    out: list[tuple[str, str]] = []
    for _, who, words in acts:
        if out and out[-1][0] == who:
            out[-1] = (who, out[-1][1] + " " + words)
        else:
            out.append((who, words))
    return out


def sentences(summary_text: str) -> list[str]:
    """The summary sentences of an ``.actions`` / ``.decisions`` link file."""
    out = []
    for line in summary_text.splitlines():
        m = re.match(r"^\d+\t\S+\t(.+)$", line)
        if m and not re.fullmatch(r"\*?NA\*?\.?", m.group(1).strip()):  # the annotator's "none in this meeting"
            out.append(m.group(1).strip())
    return out


_MODAL = re.compile(r"\b(?:will|is going to|are going to|should|must|has to|have to|needs? to"
                    r"|(?:was|were) (?:instructed|asked|told) to|(?:was|were) assigned the task of)\b\s*")
_PRONOUN = re.compile(r"^(?:He|She)\b")


def roles_of(sentence: str) -> list[str]:
    """The roles the sentence's subject names, in the order it names them."""
    head = _MODAL.split(sentence, maxsplit=1)[0]
    found = [(m.start(), role) for pattern, role in _OWNER for m in [pattern.search(head)] if m]
    return [role for _, role in sorted(found)]


def owner_of(sentence: str) -> str | None:
    """The role the sentence's subject names; the first named where it names several."""
    named = roles_of(sentence)
    return named[0] if named else None


def task_of(sentence: str) -> str:
    """The sentence without its subject and modal ("The industrial designer will work on X"
    gives "work on X"): the owner is scored on its own, and the role words that every
    action sentence of a meeting repeats would otherwise make different tasks look alike."""
    parts = _MODAL.split(sentence, maxsplit=1)
    return parts[1].strip() if len(parts) == 2 and len(parts[0].split()) <= 8 and parts[1].strip() else sentence


def owners(actions: list[str]) -> list[str | None]:
    """Each action sentence's owner; "He/She will also ..." continues the previous one."""
    out: list[str | None] = []
    for sentence in actions:
        who = owner_of(sentence)
        if who is None and out and _PRONOUN.match(sentence):
            who = out[-1]
        out.append(who)
    return out


def convert(source: Path, out: Path, meeting: str) -> None:
    da = (source / f"{meeting}.da").read_text(encoding="utf-8")
    actions = sentences((source / f"{meeting}.actions").read_text(encoding="utf-8"))
    decisions = sentences((source / f"{meeting}.decisions").read_text(encoding="utf-8"))
    spoken = turns(da)
    lines = [f"Remote control design project meeting (AMI {meeting}) {DATE}"]
    lines += [f"{who}: {words}" for who, words in spoken]
    (out / f"{meeting}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    actions_gold: list[dict[str, object]] = []
    for a, who in zip(actions, owners(actions), strict=True):
        item: dict[str, object] = {"owner": who, "due": None, "action": task_of(a), "sentence": a}
        if len(named := roles_of(a)) > 1:
            item["owners"] = named  # the held-out conversion lists every role named
        actions_gold.append(item)
    gold = {
        "date": DATE,
        "source": f"AMI Meeting Corpus {meeting}, abstractive summary (actions, decisions), CC BY 4.0",
        "participants": sorted({who for who, _ in spoken}),
        "actions": actions_gold,
        "decisions": decisions,
        "responsibilities": [],
        "not_actions": [],
    }
    (out / f"{meeting}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if len(sys.argv) < 4:
        sys.exit(__doc__.split("\n\n")[1])
    for name in sys.argv[3:]:
        convert(Path(sys.argv[1]), Path(sys.argv[2]), name)
