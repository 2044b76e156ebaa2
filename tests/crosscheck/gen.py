"""Seeded random questionnaires and drafts for the scoring cross-check.

    gen_case(seed, n) -> Case      # deterministic in (seed, n)
    Case.questionnaire_toml(), Case.draft_toml(questionnaire_file="q.toml")

Only *valid* questionnaires (SPEC §1 rules) are produced; drafts mix unanswered,
valid, N/A, invalid, note-only and orphaned answers.  Contains a tiny TOML emitter
(the stdlib only reads TOML).
"""

from __future__ import annotations

import datetime as dt
import math
import random
import re
from fractions import Fraction

import spec_score

# --------------------------------------------------------------------------- TOML emitter

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


class Raw:
    """Literal TOML text, emitted as is (e.g. a multi-line literal string)."""

    def __init__(self, text: str):
        self.text = text


def toml_str(s: str) -> str:
    out = ['"']
    for ch in s:
        o = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        elif o < 0x20 or o == 0x7F:
            out.append(f"\\u{o:04X}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def toml_key(k: str) -> str:
    return k if _BARE_KEY.match(k) else toml_str(k)


def toml_value(v) -> str:
    if isinstance(v, Raw):
        return v.text
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            raise ValueError("non-finite float")
        r = repr(v)
        if not any(c in r for c in ".eE"):
            r += ".0"
        return r
    if isinstance(v, str):
        return toml_str(v)
    if isinstance(v, (dt.datetime, dt.date)):
        return v.isoformat()
    if isinstance(v, (list, tuple)):
        return "[" + ", ".join(toml_value(x) for x in v) + "]"
    if isinstance(v, dict):
        if not v:
            return "{}"
        return "{ " + ", ".join(f"{toml_key(k)} = {toml_value(x)}" for k, x in v.items()) + " }"
    raise TypeError(f"cannot emit {type(v).__name__}")


def toml_pairs(d: dict) -> str:
    return "".join(f"{toml_key(k)} = {toml_value(v)}\n" for k, v in d.items())


def toml_header(path: list[str], array: bool = False) -> str:
    name = ".".join(toml_key(p) for p in path)
    return f"[[{name}]]\n" if array else f"[{name}]\n"


# --------------------------------------------------------------------------- numbers

def dec(x) -> int | float:
    """A short decimal as a TOML number: int when integral (sometimes as float)."""
    return x


def frac_to_toml(f: Fraction, rng: random.Random):
    """Emit a Fraction that has a short exact decimal form as int or float."""
    if f.denominator == 1:
        return int(f) if rng.random() < 0.7 else float(f)
    fl = float(f)
    assert Fraction(str(fl)) == f, f
    return fl


def rand_decimal(rng: random.Random, lo, hi, dp: int) -> Fraction:
    """A random decimal in [lo, hi] with at most dp decimals (more if needed), exact."""
    lo = Fraction(str(lo)) if isinstance(lo, float) else Fraction(lo)
    hi = Fraction(str(hi)) if isinstance(hi, float) else Fraction(hi)
    assert lo <= hi, (lo, hi)
    while True:
        scale = 10 ** dp
        a, b = math.ceil(lo * scale), math.floor(hi * scale)
        if a <= b:
            return Fraction(rng.randint(a, b), scale)
        dp += 1


WEIGHT_CHOICES = [1, 2, 3, 5, 10, 20, 0.4, 2.5, 0.25, 1.5, 12.5, 0.1, 7, 0.6, 33.3, 0, 0.001, 1000]

# --------------------------------------------------------------------------- case

ROMAN = ["I", "II", "III", "IV", "V", "VI"]
SEG_STYLES = [
    [chr(ord("A") + i) for i in range(6)],
    ROMAN,
    [str(i + 1) for i in range(6)],
    [r.lower() for r in ROMAN],
    [chr(ord("a") + i) for i in range(6)],
]

STANDARD_CATEGORIES = [
    ("AA", "Sangat Memuaskan", 90),
    ("A", "Memuaskan", 80),
    ("BB", "Sangat Baik", 70),
    ("B", "Baik", 60),
    ("CC", "Cukup", 50),
    ("C", "Kurang", 30),
    ("D", "Sangat Kurang", None),
]

NOTES = [
    "Sudah ada SK Tim RB.",
    "Penjelasan:\nbaris kedua \"kutip\" dan \\ garis miring\n",
    "Belum — menunggu data dukung dari Bagian Umum.",
    "",
]


class Case:
    def __init__(self, seed, n):
        self.seed = seed
        self.n = n
        self.q = {}           # questionnaire header fields
        self.scales = {}      # name -> dict
        self.categories = []  # list of dicts
        self.nodes = []       # list of (kind, dict) in DFS order
        self.predicates = []
        self.answers = []     # list of (id, dict) in draft order
        self.group_first = False  # emit all groups then all questions
        self.draft_extra = {}

    # ---- emit
    def questionnaire_toml(self) -> str:
        out = ["# generated by tests/crosscheck/gen.py seed=%s case=%s\n" % (self.seed, self.n)]
        out.append(toml_pairs(self.q))
        for name, sc in self.scales.items():
            out.append("\n" + toml_header(["scales", name]))
            out.append(toml_pairs(sc))
        for c in self.categories:
            out.append("\n" + toml_header(["category"], array=True))
            out.append(toml_pairs(c))
        nodes = self.nodes
        if self.group_first:
            nodes = [x for x in nodes if x[0] == "group"] + [x for x in nodes if x[0] == "question"]
        for kind, d in nodes:
            out.append("\n" + toml_header([kind], array=True))
            out.append(toml_pairs(d))
        for p in self.predicates:
            out.append("\n" + toml_header(["predicate"], array=True))
            out.append(toml_pairs(p))
        return "".join(out)

    def draft_toml(self, questionnaire_file: str = "q.toml") -> str:
        out = ["# generated by tests/crosscheck/gen.py seed=%s case=%s\n" % (self.seed, self.n)]
        head = {
            "schema": 1,
            "questionnaire": self.q["id"],
            "questionnaire_version": self.q["version"],
            "questionnaire_file": questionnaire_file,
            "unit": "Dinas Komunikasi dan Informatika",
            "period": "2022",
            "assessor": "Sekretaris",
            "status": "draft",
            "created": dt.datetime(2022, 6, 2, 9, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))),
            "updated": dt.datetime(2022, 6, 2, 10, 15, 0, tzinfo=dt.timezone(dt.timedelta(hours=7))),
        }
        head.update(self.draft_extra)
        out.append(toml_pairs(head))
        for aid, a in self.answers:
            out.append(f"\n[answers.{toml_str(aid)}]\n")  # always quoted, as in SPEC §3
            out.append(toml_pairs(a))
        return "".join(out)


def _weight(rng: random.Random):
    r = rng.random()
    if r < 0.35:
        return None  # default 1
    return rng.choice(WEIGHT_CHOICES)


def gen_scales(rng: random.Random) -> dict:
    scales = {}
    kinds = ["choice", "percent", "number", "ratio"]
    n = rng.randint(1, 5)
    picked = [rng.choice(kinds) for _ in range(n)]
    if rng.random() < 0.5:
        picked += kinds  # all four kinds present
    for i, kind in enumerate(picked):
        name = f"{kind[:3]}{i}" if rng.random() < 0.8 else f"s-{kind}_{i}"
        if kind == "choice":
            k = rng.randint(2, 5)
            code_set = rng.choice([
                ["Y", "T"] + [chr(ord("A") + j) for j in range(3)],
                [chr(ord("A") + j) for j in range(5)],
                ["Ya", "Tidak", "Sebagian", "N", "x"],
                ["a", "b", "c", "d", "e"],
            ])
            codes = code_set[:k]
            rng.shuffle(codes)
            opts = []
            for c in codes:
                r = rng.random()
                if r < 0.2:
                    s = rng.choice([0, 1])  # integer score
                elif r < 0.5:
                    s = rng.choice([0.0, 1.0, 0.5, 0.67, 0.33, 0.25, 0.75])
                else:
                    s = float(rand_decimal(rng, 0, 1, rng.choice([1, 2])))
                opts.append({"code": c, "label": f"Opsi {c}", "score": s})
            scales[name] = {"kind": "choice", "options": opts}
        elif kind == "percent":
            scales[name] = {"kind": "percent"}
        elif kind == "ratio":
            scales[name] = {"kind": "ratio"}
        else:
            while True:
                lo = rand_decimal(rng, -10, 10, rng.choice([0, 0, 1, 2]))
                hi = lo + rand_decimal(rng, 0.1, 20, rng.choice([0, 0, 1]))
                sc = {"kind": "number", "min": frac_to_toml(lo, rng), "max": frac_to_toml(hi, rng)}
                r = rng.random()
                zero = Fraction(0)
                full = hi
                if r < 0.3:
                    pass  # defaults
                elif r < 0.55:
                    zero, full = lo, hi
                elif r < 0.75:  # inverted: higher value scores lower
                    zero, full = hi, lo
                else:
                    zero = rand_decimal(rng, float(lo) - 5, float(hi) + 5, 1)
                    full = rand_decimal(rng, float(lo) - 5, float(hi) + 5, 1)
                if r >= 0.3:
                    if rng.random() < 0.8 or zero != 0:
                        sc["zero"] = frac_to_toml(zero, rng)
                    if rng.random() < 0.8 or full != hi:
                        sc["full"] = frac_to_toml(full, rng)
                if zero != full:
                    break
            scales[name] = sc
    return scales


def gen_tree(rng: random.Random, case: Case, depth: int):
    """Fill case.nodes in DFS order; depth = length of the longest id."""
    scale_names = list(case.scales)
    counts = [1, 1, 2, 2, 3, 3, 4, 5]

    def question(qid: str):
        d = {"id": qid, "text": f"Pertanyaan {qid} ?"}
        sname = rng.choice(scale_names)
        d["scale"] = sname
        w = _weight(rng)
        if w is not None:
            d["weight"] = w
        r = rng.random()
        if r < 0.3:
            d["na"] = True
        elif r < 0.4:
            d["na"] = False
        if case.scales[sname]["kind"] == "ratio" and rng.random() < 0.7:
            d["numerator"] = "Jumlah yang memenuhi"
            d["denominator"] = "Jumlah seluruhnya"
        if rng.random() < 0.2:
            d["guidance"] = "Lihat data dukung."
            d["evidence"] = ["SK", "Laporan"]
        case.nodes.append(("question", d))

    def group(gid: str, level: int):
        d = {"id": gid, "title": f"Kelompok {gid}"}
        w = _weight(rng)
        if w is not None:
            d["weight"] = w
        case.nodes.append(("group", d))
        children(gid, level + 1)

    def children(prefix: str | None, level: int):
        # level: 1-based depth of the children being made
        k = rng.choice(counts)
        style = SEG_STYLES[(level - 1) % len(SEG_STYLES)]
        if level == depth:
            as_groups = False
        elif level == 1 or rng.random() < 0.75:
            as_groups = True
        else:
            as_groups = False
        for i in range(k):
            cid = style[i] if prefix is None else f"{prefix}.{style[i]}"
            if as_groups:
                group(cid, level)
            else:
                question(cid)

    children(None, 1)


def gen_categories(rng: random.Random, total: Fraction, must_include=None):
    r = rng.random()
    if r < 0.6 and must_include is None:
        return [
            ({"code": c, "label": l, "above": a} if a is not None else {"code": c, "label": l})
            for c, l, a in STANDARD_CATEGORIES
        ]
    k = rng.randint(1, 5)
    vals = set()
    while len(vals) < k - 1:
        vals.add(rand_decimal(rng, 0, float(total), rng.choice([0, 1, 2])))
    if must_include is not None and k >= 2:
        vals.discard(min(vals))
        vals.add(must_include)
        while len(vals) < k - 1:
            vals.add(rand_decimal(rng, 0, float(total), 2))
    vals = sorted(vals, reverse=True)
    cats = []
    for i, v in enumerate(vals):
        cats.append({"code": f"K{i}", "label": f"Kategori {i}", "above": frac_to_toml(v, rng)})
    cats.append({"code": f"K{len(vals)}", "label": "Sisanya"})
    return cats


# ---- answers

def _num_form(rng: random.Random, f: Fraction):
    """A valid answer form for exact decimal f: int, float or comma string."""
    r = rng.random()
    if r < 0.45:
        return frac_to_toml(f, rng)
    text = str(float(f)) if f.denominator != 1 else str(int(f))
    assert Fraction(text) == f
    if r < 0.8:
        text = text.replace(".", ",")
    elif r < 0.9:
        text = " " + text.replace(".", ",") + " "
    return text


def valid_value(rng: random.Random, scale: dict):
    kind = scale["kind"]
    if kind == "choice":
        return rng.choice(scale["options"])["code"]
    if kind == "percent":
        r = rng.random()
        if r < 0.1:
            f = Fraction(rng.choice([0, 100]))
        elif r < 0.2:
            f = rand_decimal(rng, 100, 150, 1)
        else:
            f = rand_decimal(rng, 0, 100, rng.choice([0, 1, 2, 3]))
        return _num_form(rng, f)
    if kind == "number":
        lo, hi = spec_score.to_frac(scale["min"]), spec_score.to_frac(scale["max"])
        r = rng.random()
        if r < 0.15:
            f = lo
        elif r < 0.3:
            f = hi
        else:
            f = rand_decimal(rng, float(lo), float(hi), rng.choice([0, 1, 2]))
            f = min(max(f, lo), hi)
        return _num_form(rng, f)
    if kind == "ratio":
        d = rand_decimal(rng, 0.5, 30, rng.choice([0, 0, 1]))
        if d == 0:
            d = Fraction(1)
        n = rand_decimal(rng, 0, float(d) * rng.choice([0.5, 1, 1, 1.5]), rng.choice([0, 0, 1]))
        return [_num_form(rng, n), _num_form(rng, d)]
    raise ValueError(kind)


def invalid_value(rng: random.Random, scale: dict):
    kind = scale["kind"]
    wrong_type = [True, False, {"x": 1}, dt.date(2022, 1, 1), [], ["A", "B"]]
    if kind == "choice":
        codes = [o["code"] for o in scale["options"]]
        cands = ["Z", "", " " + codes[0], codes[0] + " ", 1, 0.5] + wrong_type
        low = codes[0].lower() if codes[0].lower() != codes[0] else codes[0].upper()
        if low not in codes:
            cands.append(low)
        v = rng.choice(cands)
        assert not (isinstance(v, str) and v in codes)
        return v
    if kind == "percent":
        return rng.choice([-1, -0.5, "-3", "-0,5", "abc", "1,2,3", "", "85%", [50], "5,5,5"] + wrong_type)
    if kind == "number":
        lo, hi = spec_score.to_frac(scale["min"]), spec_score.to_frac(scale["max"])
        r = rng.random()
        if r < 0.35:
            return _num_form(rng, lo - rand_decimal(rng, 0.01, 5, 2))
        if r < 0.7:
            return _num_form(rng, hi + rand_decimal(rng, 0.01, 5, 2))
        return rng.choice(["x", "1,2,3", "", [1]] + wrong_type)
    if kind == "ratio":
        return rng.choice([
            [1, 0], [3, 0.0], ["2", "0,0"], [-1, 2], ["-1", 3], [1, -2], [1], [1, 2, 3],
            5, "1/2", [True, 1], [1, "x"], [[1], 2], {"n": 1, "d": 2},
        ])
    raise ValueError(kind)


def gen_answers(rng: random.Random, case: Case):
    questions = [d for k, d in case.nodes if k == "question"]
    groups = [d for k, d in case.nodes if k == "group"]
    answers = []
    p_unans = rng.choice([0.05, 0.25, 0.5])
    p_na = rng.choice([0.0, 0.2, 0.5, 0.9])  # chance an na question is answered N/A
    p_bad = rng.choice([0.0, 0.05, 0.15])
    for qd in questions:
        scale = case.scales[qd["scale"]]
        r = rng.random()
        a = None
        if qd.get("na") is True and rng.random() < p_na:
            a = {"na": True}
        elif r < p_unans:
            a = None
        elif r < p_unans + p_bad:
            kind = rng.random()
            if kind < 0.6:
                a = {"value": invalid_value(rng, scale)}
            elif kind < 0.8:
                a = {"na": True, "value": valid_value(rng, scale)}  # both: invalid
            else:
                a = {"na": True}  # invalid unless the question allows N/A
        elif r < p_unans + p_bad + 0.05:
            a = {"note": rng.choice(NOTES)}  # note only: unanswered
        else:
            a = {"value": valid_value(rng, scale)}
            if rng.random() < 0.05:
                a["na"] = False
        if a is not None:
            if rng.random() < 0.3:
                note = rng.choice(NOTES)
                a["note"] = Raw("'''\n" + note + "'''") if rng.random() < 0.5 else note
            if rng.random() < 0.2:
                a["evidence"] = ["https://contoh.go.id/sk.pdf", "bukti/sk-tim-rb.pdf"]
            if rng.random() < 0.2:
                a["flag"] = rng.random() < 0.5
            if rng.random() < 0.2:
                a["updated"] = dt.datetime(2022, 6, 2, 9, 5, 0, tzinfo=dt.timezone(dt.timedelta(hours=7)))
            if rng.random() < 0.05:
                a["x_unknown_field"] = "kept"
            answers.append((qd["id"], a))
    # orphans
    for _ in range(rng.choice([0, 0, 0, 1, 2, 3])):
        r = rng.random()
        if r < 0.4 and groups:
            oid = rng.choice(groups)["id"]
        elif r < 0.7 and questions:
            oid = rng.choice(questions)["id"] + ".z"
        else:
            oid = rng.choice(["Z", "Z.9", "X.I.1", "lama-1", "A.99"])
        if oid in {a for a, _ in answers} or oid in {q["id"] for q in questions}:
            continue
        a = rng.choice([{"value": "A"}, {"na": True}, {"note": "pertanyaan lama"}, {"value": 50}])
        answers.append((oid, a))
    if rng.random() < 0.3:
        rng.shuffle(answers)
    case.answers = answers


def gen_predicates(rng: random.Random, case: Case, total: Fraction):
    ids = [d["id"] for _, d in case.nodes]
    preds = []
    for i in range(rng.choice([0, 0, 1, 1, 2, 3])):
        reqs = []
        for _ in range(rng.randint(1, 3)):
            r = rng.random()
            if r < 0.33:
                reqs.append({"min_index": frac_to_toml(rand_decimal(rng, 0, float(total), rng.choice([0, 2])), rng)})
            else:
                nodes = rng.sample(ids, min(len(ids), rng.randint(1, 3)))
                if r < 0.66:
                    reqs.append({"nodes": nodes, "min_points": frac_to_toml(rand_decimal(rng, 0, float(total) / 2, rng.choice([0, 2])), rng)})
                else:
                    reqs.append({"nodes": nodes, "min_percent": frac_to_toml(rand_decimal(rng, 0, 100, rng.choice([0, 1])), rng)})
        preds.append({"code": f"P{i}", "label": f"Predikat {i}", "require": reqs})
    case.predicates = preds


def _parse(case: Case):
    """The dicts tomllib would return, built directly (cheap; used while generating)."""
    qd = dict(case.q)
    qd["scales"] = case.scales
    qd["category"] = case.categories
    qd["group"] = [d for k, d in case.nodes if k == "group"]
    qd["question"] = [d for k, d in case.nodes if k == "question"]
    qd["predicate"] = case.predicates
    dd = {"answers": dict(case.answers)}
    return qd, dd


def _boundary_fixup(rng: random.Random, case: Case):
    """Make index_exact land exactly on x.xx5 by re-answering one ratio question."""
    qd, dd = _parse(case)
    res = spec_score.score(qd, dd)
    cands = [
        (qid, a) for qid, a in case.answers
        if qid in res["_status"] and res["_status"][qid] == "valid"
        and case.scales[next(d for k, d in case.nodes if k == "question" and d["id"] == qid)["scale"]]["kind"] == "ratio"
        and res["_points"][qid] > 0
    ]
    if not cands:
        return False
    qid, a = rng.choice(cands)
    p = res["_points"][qid]
    rest = res["index_exact"] - res["_earned"][qid]
    lo_k = math.ceil((rest * 100) - Fraction(1, 2))
    hi_k = math.floor((rest + p) * 100 - Fraction(1, 2))
    if hi_k < lo_k:
        return False
    k = rng.randint(lo_k, hi_k)
    target = (k + Fraction(1, 2)) / 100
    s = (target - rest) / p
    if not (0 <= s <= 1) or s.denominator > 10**12 or s.numerator > 10**12:
        return False
    if s == 0:
        a["value"] = [0, 1]
    else:
        a["value"] = [s.numerator, s.denominator]
    return True


def _threshold_fixup(rng: random.Random, case: Case):
    """Put some predicate thresholds and a category boundary exactly on the result."""
    qd, dd = _parse(case)
    res = spec_score.score(qd, dd)
    for p, pr in zip(case.predicates, res["predicates"]):
        for req in p["require"]:
            if rng.random() > 0.4:
                continue
            delta = Fraction(rng.choice([0, 0, 0, 1, -1]), 100)
            if "min_index" in req:
                v = res["index"] + delta
                key = "min_index"
            else:
                e = sum(spec_score_node_earned(res, n) for n in req["nodes"])
                if "min_points" in req:
                    v = spec_score.round2(e) + delta
                    key = "min_points"
                else:
                    poss = sum((res["_points"][n] for n in req["nodes"]), Fraction(0))
                    if poss == 0:
                        continue
                    v = spec_score.round2(100 * e / poss) + delta
                    key = "min_percent"
            if v < 0:
                continue
            req[key] = frac_to_toml(v, rng)
    if rng.random() < 0.25:
        idx = res["index"]
        if idx > 0:
            case.categories = gen_categories(rng, spec_score.to_frac(case.q.get("total", 100)), must_include=idx)


def spec_score_node_earned(res, nid):
    # earned of a node: group rows carry it, questions from _earned
    if nid in res["_earned"]:
        return res["_earned"][nid]
    for g in res["groups"]:
        if g["id"] == nid:
            return g["earned"]
    raise KeyError(nid)


def gen_case(seed, n) -> Case:
    rng = random.Random(f"pmprb-crosscheck:{seed}:{n}")
    case = Case(seed, n)
    total_choice = rng.choice([100, 100, 100, 40, 7.5, 1, 10, 60.0, 12.5, 0.5, 1000])
    case.q = {
        "schema": 1,
        "id": f"uji-{seed}-{n}",
        "version": "2020.1",
        "title": "Kuesioner uji acak",
        "basis": "PermenPANRB No. 26 Tahun 2020",
    }
    if total_choice != 100 or rng.random() < 0.5:
        case.q["total"] = total_choice
    total = spec_score.to_frac(total_choice)
    case.scales = gen_scales(rng)
    depth = rng.randint(1, 5)
    gen_tree(rng, case, depth)
    case.group_first = rng.random() < 0.15
    case.categories = gen_categories(rng, total)
    gen_predicates(rng, case, total)
    gen_answers(rng, case)
    if rng.random() < 0.2:
        _boundary_fixup(rng, case)
    if case.predicates or rng.random() < 0.3:
        _threshold_fixup(rng, case)
    return case


if __name__ == "__main__":
    import sys
    seed = sys.argv[1] if len(sys.argv) > 1 else "1"
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    c = gen_case(seed, n)
    print(c.questionnaire_toml())
    print("# ---------------- draft")
    print(c.draft_toml())


# --------------------------------------------------------------------------- validity

def validate(q: dict) -> list[str]:
    """SPEC §1 rules (minus examples); returns a list of problems, empty when valid."""
    to = spec_score.to_frac
    errs = []
    scales = q.get("scales", {})
    for name, sc in scales.items():
        if sc["kind"] == "choice":
            codes = [o["code"] for o in sc["options"]]
            if len(set(codes)) != len(codes):
                errs.append(f"scale {name}: duplicate codes")
            if not codes:
                errs.append(f"scale {name}: no options")
            for o in sc["options"]:
                if not (0 <= to(o["score"]) <= 1):
                    errs.append(f"scale {name}: score out of [0,1]")
        elif sc["kind"] == "number":
            lo, hi = to(sc["min"]), to(sc["max"])
            zero = to(sc.get("zero", 0))
            full = to(sc["full"]) if "full" in sc else hi
            if not lo < hi:
                errs.append(f"scale {name}: min >= max")
            if zero == full:
                errs.append(f"scale {name}: zero == full")
    ids = {}
    for kind, key in (("group", "group"), ("question", "question")):
        for d in q.get(key, []):
            if d["id"] in ids:
                errs.append(f"duplicate id {d['id']}")
            ids[d["id"]] = kind
            w = d.get("weight", 1)
            if to(w) < 0:
                errs.append(f"{d['id']}: negative weight")
    children = {gid: [] for gid, k in ids.items() if k == "group"}
    top = []
    for i, k in ids.items():
        if "." in i:
            p = i.rsplit(".", 1)[0]
            if ids.get(p) != "group":
                errs.append(f"{i}: parent {p} is not a group")
            else:
                children[p].append(k)
        else:
            top.append(k)
    for gid, ks in children.items():
        if not ks:
            errs.append(f"group {gid} is empty")
        elif len(set(ks)) > 1:
            errs.append(f"group {gid} holds groups and questions")
    if len(set(top)) > 1:
        errs.append("top level holds groups and questions")
    for d in q.get("question", []):
        if d["scale"] not in scales:
            errs.append(f"{d['id']}: unknown scale")
    cats = q.get("category", [])
    if not cats:
        errs.append("no categories")
    for i, c in enumerate(cats):
        last = i == len(cats) - 1
        if last == ("above" in c):
            errs.append(f"category {c['code']}: above misplaced")
    aboves = [to(c["above"]) for c in cats if "above" in c]
    if any(a <= b for a, b in zip(aboves, aboves[1:])):
        errs.append("categories not strictly decreasing")
    for p in q.get("predicate", []):
        for r in p.get("require", []):
            for n in r.get("nodes", []):
                if n not in ids:
                    errs.append(f"predicate {p['code']}: unknown node {n}")
    if to(q.get("total", 100)) <= 0:
        errs.append("total <= 0")
    return errs
