"""A small Chinese-English glossary of the coordination domain, for cross-language keywords.

BM25 cannot match an English query against a Chinese card (or the reverse), and the
small multilingual E5 model crosses languages only roughly, so an English question
about a Chinese case often ranks below same-language cards that merely share the topic.
Translating the domain's own vocabulary (departments, supply chain, production,
quality, money, delivery) gives the lexical side a second view of the query in the
other language. The list is about the domain, not about any particular card or query:
extend it with terms of the trade, never with phrases from an evaluation set.
"""

from __future__ import annotations

import re

# English term (lowercase; several words allowed) -> Chinese terms.
EN_ZH: dict[str, tuple[str, ...]] = {
    # departments and roles (generic words such as "customer", "order" or "team" are left
    # out on purpose: they match half the library and only add noise)
    "purchasing": ("采购",), "procurement": ("采购",), "buyer": ("采购",),
    "workshop": ("车间",), "production line": ("产线", "生产线"), "r&d": ("研发",),
    "research and development": ("研发",), "engineering": ("工程部", "研发"),
    "quality": ("质量",), "qa": ("质量",), "quality control": ("质检",), "logistics": ("物流",),
    "shipping": ("发货", "运输"), "warehouse": ("仓库", "仓储"), "finance": ("财务",),
    "accounting": ("财务",), "it department": ("it部门",), "sales": ("销售",),
    "salesperson": ("销售",), "marketing": ("市场部",), "legal": ("法务",), "hr": ("人力资源", "人事"),
    "human resources": ("人力资源",), "compliance": ("合规",), "after-sales": ("售后",),
    "executive": ("高层",), "senior colleague": ("老领导", "老同事"), "director": ("总监",),
    "expert": ("专家",), "specialist": ("专家",), "subcontractor": ("外协", "分包"),
    "freight forwarder": ("货代",), "integrator": ("集成商", "系统集成"),
    # orders and delivery
    "contract": ("合同",), "deadline": ("交期",), "queue": ("插队", "排队"),
    "jump the queue": ("插队",), "schedule": ("排产", "排期"), "capacity": ("产能",),
    "key account": ("大客户",), "big customer": ("大客户",), "small order": ("小订单", "小单"),
    "small batch": ("小批量",), "custom": ("非标", "定制"), "non-standard": ("非标",),
    "customized": ("定制",), "drawing": ("图纸",), "specification": ("规格",), "spec": ("规格",),
    "sample": ("样品", "样板"), "proposal": ("提案",), "bid": ("投标",), "tender": ("招标", "投标"),
    "installation": ("安装",), "install": ("安装",), "commissioning": ("调试",),
    "acceptance": ("验收",), "complaint": ("投诉",), "penalty": ("违约", "罚款"),
    "warranty": ("保修", "质保"), "replacement": ("更换",), "spare part": ("备件", "配件"),
    "trial": ("试用",), "demo": ("演示",), "manual": ("手册", "说明书"), "translation": ("翻译",),
    # supply chain and materials
    "supplier": ("供应商",), "vendor": ("供应商",), "raw material": ("原材料",),
    "component": ("组件", "零件"), "inventory": ("库存",), "stock": ("库存", "现货"),
    "shortage": ("短缺", "缺货"), "sourcing": ("寻源",), "packaging": ("包装",),
    "freight": ("运费", "货运"), "customs": ("海关", "报关", "清关"), "export": ("出口",),
    "invoice": ("发票",), "shelf life": ("保质期",), "end of life": ("停产",), "chip": ("芯片",),
    "mold": ("模具",), "mould": ("模具",), "crane": ("吊装", "吊车"), "visa": ("签证",),
    "work permit": ("工作许可", "签证"), "certificate": ("证书",), "certification": ("认证",),
    "calibration": ("校准",), "overtime": ("加班",),
    # quality and process
    "defect": ("缺陷", "不合格"), "defective": ("不合格",), "inspection": ("检验",),
    "rust": ("生锈", "锈蚀"), "corrosion": ("锈蚀", "腐蚀"), "steel": ("钢管", "钢材"),
    "pipe": ("钢管", "管材"), "wash": ("清洗",), "washing": ("清洗",), "soft water": ("软水",),
    "humidity": ("湿度",), "humid": ("潮湿", "湿度"), "grinding": ("打磨",), "polish": ("打磨",),
    "scrap": ("报废",), "scrapped": ("报废",), "rework": ("返工",), "tolerance": ("公差",),
    "colour": ("颜色",), "color": ("颜色",), "pilot": ("中试", "试产"), "scale-up": ("量产",),
    "mass production": ("量产",), "welding": ("焊接",), "welder": ("焊工",),
    # money and approval
    "budget": ("预算",), "payment terms": ("账期",), "prepayment": ("预付款",), "credit": ("信用", "授信"),
    "credit limit": ("信用额度",), "approval": ("审批", "批示"), "approve": ("审批", "批准"),
    "liability": ("赔偿", "责任"), "guarantee": ("保函", "担保"), "insurance": ("保险",),
    "quote": ("报价",), "copper": ("铜价", "铜"),
    # IT and communication
    "video conference": ("视频会议",), "video conferencing": ("视频会议",),
    "video call": ("视频会议",), "software": ("软件",), "compatible": ("兼容",),
    "compatibility": ("兼容",), "security": ("安全",), "license": ("许可",), "permit": ("许可",),
    "integration": ("集成",), "solar": ("太阳能",), "collector": ("集热",), "heating": ("集热",),
    "single sign-on": ("单点登录",), "sso": ("单点登录",), "hotfix": ("补丁",), "patch": ("补丁",),
    # the coordination itself
    "blame": ("推诿", "指责"), "pass the buck": ("踢皮球", "推诿"), "dispute": ("争执",),
    "unwilling": ("不愿意",), "escalate": ("上报",), "obstacle": ("障碍",),
}

_EN_KEYS = sorted(EN_ZH, key=len, reverse=True)
_EN_PATTERN = re.compile(
    r"(?<![a-z0-9&])(" + "|".join(re.escape(k) for k in _EN_KEYS) + r")(?:e?s|ed|ing)?(?![a-z0-9&])"
)

ZH_EN: dict[str, tuple[str, ...]] = {}
for _en, _zhs in EN_ZH.items():
    for _zh in _zhs:
        if len(_zh) >= 2:  # one-character terms are too ambiguous to look up
            ZH_EN.setdefault(_zh, ())
            if _en not in ZH_EN[_zh]:
                ZH_EN[_zh] = (*ZH_EN[_zh], _en)
_ZH_KEYS = sorted(ZH_EN, key=len, reverse=True)

_CJK = re.compile(r"[\u3400-\u9fff]")
_WORD = re.compile(r"[a-z0-9&]+")


def translate(text: str) -> tuple[str, float]:
    """The query's domain terms in the other language, and the share of the query they cover.

    English words found in the glossary give Chinese terms; Chinese terms give English
    words. The share (0..1) lets the caller trust a translation of most of the query
    more than one of a single word.
    """
    folded = text.casefold()
    out: list[str] = []
    covered_en = 0
    for m in _EN_PATTERN.finditer(folded):
        out.extend(EN_ZH[m.group(1)])
        covered_en += len(m.group(1).split())
    words = [w for w in _WORD.findall(folded) if w not in _STOP]
    cjk_chars = len(_CJK.findall(folded))
    covered_zh = 0
    rest = folded
    for key in _ZH_KEYS:
        if key in rest:
            out.extend(ZH_EN[key])
            covered_zh += len(key) * rest.count(key)
            rest = rest.replace(key, " ")
    total = len(words) + cjk_chars
    if not out or total == 0:
        return "", 0.0
    share = min(1.0, (min(covered_en, len(words)) + covered_zh) / total)
    return " ".join(out), share


_STOP = frozenset(
    ["a", "an", "and", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "has", "have", "how", "i", "if", "in", "is", "of", "on", "or", "our", "so", "the", "their", "them", "they", "this", "to", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with", "would", "you", "your", "should"]
)
