"""Who is meant: owners as people name them in a meeting, resolved to the meeting's people.

Shared by the conversation reader (:mod:`.speech`) and the minutes reader (:mod:`.minutes`),
so that "采购这边", "李经理", "刘芳（采购部）" and "Anna" name the same owner whichever of the
two found the item. A meeting's people come from its participants and from the transcript's
speaker labels; nothing here reads files or the store.

The API (kept small and stable; the minutes reader imports it):

``split_label(label) -> (name, department)``
    A speaker label or attendee entry as written: ``刘芳（采购部）`` -> ``("刘芳", "采购部")``,
    ``Anna Smith (PM)`` -> ``("Anna Smith", "PM")``, ``PERSON3`` -> ``("PERSON3", "")``.

``People(participants=(), speakers=())``
    The people of one meeting. ``speakers`` are raw cue speaker labels (None is skipped).

``People.names -> list[str]`` / ``People.department_of(name) -> str``
    Every person's owner name in the order first met, and a person's department ("" if none).

``People.speaker(label) -> str | None``
    The owner name for a cue's speaker label (``刘芳（采购部）`` -> ``刘芳``).

``People.owner(phrase) -> str | None``
    Whom a short phrase names, as an owner: a participant's name (full name, surname with a
    title such as 王经理 / 老王 / 王工, a first name such as Tom), a department or role
    (采购部, 采购这边, purchasing) mapped to the one participant in it (else the department as
    written), or an unknown person-like name (老周, 李经理) kept as said. None when it names
    nobody.

``People.mentions(text) -> list[Mention]``
    Every place in ``text`` that names someone, left to right, as ``Mention(start, end, owner)``.

``People.addressed(text) -> str | None``
    The person a line is spoken to, when it opens by naming them: "王经理你周五前…",
    "Tom, can you…", "小李，麻烦…". None otherwise.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from facilitator.model import Participant
from facilitator.textforms import fold_key, nfkc

__all__ = ["Mention", "People", "looks_like_name", "split_label"]

_LABEL = re.compile(r"^\s*(?P<name>[^()（）\[\]【】]+?)\s*[(（\[【]\s*(?P<dept>[^()（）\[\]【】]*?)\s*[)）\]】]\s*$")
_DEPT_WORDS = r"部门|部|科|组|处|中心|团队|这边|那边|这块|那块|方面|口"
"""What follows a role word when it names a side of the table (采购部, 生产这边, 质量方面)."""
_DEPT_SUFFIX = re.compile(rf"(?:{_DEPT_WORDS})$")
_TITLES = ("经理", "总监", "主管", "总", "工", "老师", "师傅", "姐", "哥", "主任", "处长", "科长", "部长", "助理",
           "厂长", "院长", "校长", "局长", "所长", "站长", "店长", "组长", "班长", "队长", "董", "会计", "律师", "医生", "护士长")
_EN_TITLE = re.compile(r"^(?:mr|mrs|ms|dr)\.?\s+", re.I)

# department words people use for a role, each with the stems a department name may carry
_ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "采购": ("采购", "purchas", "procure", "sourcing", "buyer"),
    "生产": ("生产", "制造", "车间", "production", "manufactur", "plant"),
    "销售": ("销售", "业务", "sales", "account"),
    "质量": ("质量", "品质", "品管", "质检", "qa", "qc", "quality"),
    "财务": ("财务", "finance", "accounting"),
    "物流": ("物流", "仓库", "仓储", "logistics", "warehouse", "shipping"),
    "研发": ("研发", "技术", "工程", "engineering", "r&d", "rd"),
    "计划": ("计划", "pmc", "planning", "planner"),
    "法务": ("法务", "legal"),
    "客服": ("客服", "support"),
}
_ROLE_PHRASE = re.compile(
    "(?P<role>" + "|".join(sorted({w for stems in _ROLE_WORDS.values() for w in stems if not w.isascii()},
                                  key=len, reverse=True)) + r")"
    "(?P<tail>" + _DEPT_WORDS + ")?"
)
_COMMON_FIRST = frozenset({"user", "project", "product", "team", "general", "technical", "senior", "junior", "account"})
"""First words of role labels that are everyday nouns: "the user" is whoever uses the product,
not the User Interface designer; "the project" is no Project Manager."""
_EN_ROLE = {
    "purchasing": "采购", "procurement": "采购", "production": "生产", "manufacturing": "生产",
    "sales": "销售", "quality": "质量", "qa": "质量", "finance": "财务", "logistics": "物流",
    "warehouse": "物流", "engineering": "研发", "planning": "计划", "legal": "法务",
}  # fmt: skip
_EN_ROLE_RE = re.compile(r"(?<![a-z])(?P<role>" + "|".join(_EN_ROLE) + r")(?:\s+(?:team|department|dept|side))?(?![a-z])", re.I)
# someone not in the room, named the way colleagues are: 老周, 小李, 李经理, 周总, 张工
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
_CJK_PERSON = re.compile(
    rf"(?:[老小阿](?P<s1>[{_SURNAMES}])|(?P<s2>[{_SURNAMES}])(?:{'|'.join(_TITLES)}))"
)
_ADDRESS_ZH = re.compile(r"^\s*(?:那|好|嗯|那么|对了|另外|还有)?[，,\s]*(?P<who>[^\s，,：:。？?！!]{1,8}?)\s*[，,]?\s*(?:你|您|你们|麻烦|辛苦|帮忙|能不能|能否|可不可以|看看|负责|来)")
_ADDRESS_EN = re.compile(
    r"^\s*(?i:(?:so|and|ok(?:ay)?|right|well|then|alright|um+|uh+|yeah)[\s,]+)*(?P<who>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s*,\s*"
    r"(?=(?:can|could|would|will|are|do|please|you|maybe|why|I)\b)"
)


def split_label(label: str) -> tuple[str, str]:
    """``刘芳（采购部）`` -> ``("刘芳", "采购部")``, ``设计部 苗苗`` -> ``("苗苗", "设计部")``; a
    label of one word has no department."""
    text = nfkc(label).strip()
    m = _LABEL.match(text)
    if m:
        return m["name"].strip(), m["dept"].strip()
    tokens = text.split()
    if len(tokens) == 2 and all(re.fullmatch(r"[\u4e00-\u9fff]{1,8}", t) for t in tokens):
        # "设计部 苗苗" / "美术 叶子轩": the department first (the notes reader's rule too);
        # "张伟 销售部" is told by its suffix
        if _DEPT_SUFFIX.search(tokens[1]) and not _DEPT_SUFFIX.search(tokens[0]):
            return tokens[0], tokens[1]
        return tokens[1], tokens[0]
    return text, ""


def looks_like_name(text: str) -> bool:
    """Whether ``text`` reads as a Chinese full name (冯凯, 欧阳明): a common surname and one
    or two more characters. Only for a slot a name fills ("还是___去吧"): many words start
    with a surname's character too (马上, 方案)."""
    return bool(re.fullmatch(rf"[{_SURNAMES}][\u4e00-\u9fff]{{1,2}}", text)) and not re.search(
        r"[们的了是在不也都就这那个些吧啊呢吗去来做弄]", text[1:])


def _role_of(department: str) -> str | None:
    """The role word (采购, 生产, …) a department or role name belongs to."""
    folded = fold_key(department)
    for role, stems in _ROLE_WORDS.items():
        if any(stem in folded for stem in stems):
            return role
    return None


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    owner: str


@dataclass
class _Person:
    name: str
    department: str
    aliases: tuple[str, ...]


class People:
    """The people of one meeting, and how each may be named (see the module docstring)."""

    def __init__(self, participants: Sequence[Participant] = (), speakers: Iterable[str | None] = ()) -> None:
        self._people: list[_Person] = []
        self._labels: dict[str, str] = {}
        seen: dict[str, _Person] = {}
        entries: list[tuple[str, str, str]] = []
        for p in participants:
            name, dept = split_label(p.name)
            entries.append((p.name, name, p.department or dept or p.role))
        for label in speakers:
            if label:
                name, dept = split_label(label)
                entries.append((label, name, dept))
        for label, name, dept in entries:
            if not name:
                continue
            person = seen.get(fold_key(name))
            if person is None:
                person = _Person(name, dept, self._aliases(name))
                seen[fold_key(name)] = person
                self._people.append(person)
            elif dept and not person.department:
                person.department = dept
            self._labels[fold_key(label)] = person.name
        self._alias_re = self._build_alias_re()

    @staticmethod
    def _aliases(name: str) -> tuple[str, ...]:
        aliases = [name]
        if re.fullmatch(r"[\u4e00-\u9fff]{2,4}", name) and not (
                re.fullmatch(rf"[老小]?[\u4e00-\u9fff](?:{'|'.join(_TITLES)})", name)):
            # "陈总" is a surname and a title: no 小陈 / 老陈 of theirs (those are someone else)
            surname = name[0]
            aliases += [f"{surname}{t}" for t in _TITLES] + [f"老{surname}", f"小{surname}"]
            if len(name) == 3:
                aliases.append(name[1:])
        elif re.fullmatch(r"[A-Za-z][\w.' -]*", name):
            parts = name.split()
            if len(parts) > 1 and not re.fullmatch(r"(?i)person\s*\d+|speaker\s*\d+", name):
                if parts[0].lower() not in _COMMON_FIRST:
                    aliases.append(parts[0])  # Anna for Anna Keller, Industrial for Industrial Designer
                if all(p[:1].isupper() for p in parts):
                    aliases.append("".join(p[0] for p in parts))  # Industrial Designer: ID
                    if parts[-1].lower() not in ("designer", "manager", "expert", "engineer", "lead", "owner"):
                        # a role label cut short (User Interface) is said in full too
                        aliases += [f"{name} Designer", "".join(p[0] for p in parts) + "D"]
        return tuple(aliases)

    def _build_alias_re(self) -> re.Pattern[str] | None:
        table: dict[str, str] = {}
        for person in self._people:
            for alias in person.aliases:
                table.setdefault(fold_key(alias), person.name)
        self._alias_owner = table
        if not table:
            return None
        words = sorted(table, key=len, reverse=True)
        return re.compile("|".join(
            re.escape(w) if not w[:1].isascii() else rf"(?<![a-z0-9]){re.escape(w)}(?![a-z0-9])" for w in words
        ))

    @property
    def names(self) -> list[str]:
        """Every person's owner name, in the order first met."""
        return [p.name for p in self._people]

    def department_of(self, name: str) -> str:
        return next((p.department for p in self._people if p.name == name), "")

    def speaker(self, label: str | None) -> str | None:
        if not label:
            return None
        known = self._labels.get(fold_key(label))
        return known or split_label(label)[0] or None

    def _by_role(self, role: str, written: str) -> str:
        members = [p.name for p in self._people if p.department and _role_of(p.department) == role]
        return members[0] if len(members) == 1 else written

    def mentions(self, text: str) -> list[Mention]:
        folded = nfkc(text).casefold()
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []

        def add(start: int, end: int, owner: str) -> None:
            if any(a < end and start < b for a, b in taken):
                return
            taken.append((start, end))
            found.append(Mention(start, end, owner))

        if self._alias_re is not None:
            for m in self._alias_re.finditer(folded):
                add(m.start(), m.end(), self._alias_owner[m.group()])
        for m in _ROLE_PHRASE.finditer(folded):
            written = text[m.start(): m.end()]
            dept = m["role"] + ("部" if m["tail"] in (None, "这边", "那边", "这块", "那块", "方面", "口") else m["tail"])
            # a bare role word is a role only when followed by a side word or a department suffix
            if m["tail"] is None and not re.match(r"\s*(?:负责|来|去|跟进|确认|出|提供|那里|那儿)", folded[m.end():]):
                continue
            add(m.start(), m.end(), self._by_role(_role_of(m["role"]) or m["role"], dept if m["tail"] else written))
        for m in _EN_ROLE_RE.finditer(folded):
            role = _EN_ROLE[m["role"].lower()]
            add(m.start(), m.end(), self._by_role(role, text[m.start(): m.end()]))
        for m in _CJK_PERSON.finditer(folded):
            add(m.start(), m.end(), text[m.start(): m.end()])
        return sorted(found, key=lambda x: x.start)

    def owner(self, phrase: str) -> str | None:
        text = _EN_TITLE.sub("", nfkc(phrase).strip(" ，,。：:"))
        if not text:
            return None
        direct = self._alias_owner.get(fold_key(text)) or self._labels.get(fold_key(text))
        if direct:
            return direct
        name, _dept = split_label(text)
        direct = self._alias_owner.get(fold_key(name))
        if direct:
            return direct
        role = _role_of(text) if len(text) <= 6 else None
        if role:
            return self._by_role(role, text)
        found = self.mentions(text)
        if found:
            return found[0].owner
        if re.fullmatch(r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?", text):
            return text
        if re.fullmatch(r"[\u4e00-\u9fff]{1,4}(?:部|科|处|中心|办公室|办)", text) and not re.match(r"[这那哪每各全本]", text):
            return text  # "让综合部出": a department nobody in the room belongs to, as said
        return None

    def addressed(self, text: str) -> str | None:
        norm = nfkc(text)
        m = _ADDRESS_EN.match(norm)
        if m:
            who = m["who"]
            if who.lower() in ("i", "we", "you", "so", "and", "ok", "okay", "yeah", "well", "but", "then", "now"):
                return None
            return self._alias_owner.get(fold_key(who)) or (who if who[:1].isupper() else None)
        m = _ADDRESS_ZH.match(norm)
        if m:
            who = m["who"]
            mention = self.mentions(who)
            if mention and mention[0].start == 0 and mention[0].end >= len(who) - 1:
                return mention[0].owner
        return None
