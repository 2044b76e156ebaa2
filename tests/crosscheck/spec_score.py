"""Independent reference implementation of SPEC §2 (scoring) for the cross-check.

Written from /work/shared/SPEC.md and the implementation decisions listed in
the docstring of run.py, never from the Rust code.
All arithmetic is exact (fractions.Fraction); TOML floats are read through their
decimal text so 0.67 is exactly 67/100.

    score(questionnaire_dict, draft_dict) -> dict

Both arguments are what `tomllib.loads` returns for the questionnaire and the draft.
The result mirrors `pmprb score --json` but keeps Fractions (and None for
`percent` of a group whose possible points are 0).
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

__all__ = ["score", "round2", "to_frac", "parse_answer_number", "classify"]

# A decimal number as Rust's f64::from_str accepts it, minus inf/nan (never finite)
# and minus forms no one writes in a draft.  Signs, "5.", ".5" and exponents are fine.
_NUM_RE = re.compile(r"^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$")

HUNDRED = Fraction(100)


def to_frac(x) -> Fraction:
    """A TOML number (int or float) from a questionnaire, as an exact Fraction."""
    if isinstance(x, bool):
        raise TypeError("boolean is not a number")
    if isinstance(x, int):
        return Fraction(x)
    if isinstance(x, float):
        if not math.isfinite(x):
            raise ValueError("non-finite number")
        return Fraction(str(x))  # decimal text: 0.67 -> 67/100
    raise TypeError(f"not a number: {x!r}")


def parse_answer_number(v):
    """A number as an answer may give it, or None when it is not one.

    int / finite float, or a string that parses as a number after stripping
    surrounding spaces and replacing a single decimal comma with a dot ("85,5").
    """
    if isinstance(v, bool):
        return None
    if isinstance(v, int):
        return Fraction(v)
    if isinstance(v, float):
        if not math.isfinite(v):
            return None
        return Fraction(str(v))
    if isinstance(v, str):
        s = v.strip()
        n_commas = s.count(",")
        if n_commas > 1:
            return None
        if n_commas == 1:
            s = s.replace(",", ".")
        if not _NUM_RE.match(s):
            return None
        return Fraction(s)
    return None


def round2(x: Fraction) -> Fraction:
    """Round half away from zero to 2 decimals, exactly."""
    x = Fraction(x)
    sign = -1 if x < 0 else 1
    k = math.floor(abs(x) * 100 + Fraction(1, 2))
    return sign * Fraction(k, 100)


def scale_bounds(scale) -> tuple[Fraction, Fraction]:
    """(lowest, highest) score a question on this scale can get."""
    if scale["kind"] == "choice":
        scores = [to_frac(o["score"]) for o in scale["options"]]
        return min(scores), max(scores)
    return Fraction(0), Fraction(1)


def value_score(scale, value):
    """Score in [0, 1] of a value on a scale, or None when the value is invalid."""
    kind = scale["kind"]
    if kind == "choice":
        if not isinstance(value, str):
            return None
        for o in scale["options"]:
            if o["code"] == value:  # case-sensitive, no trimming
                return to_frac(o["score"])
        return None
    if kind == "percent":
        v = parse_answer_number(value)
        if v is None or v < 0:
            return None
        return min(v, HUNDRED) / HUNDRED
    if kind == "number":
        v = parse_answer_number(value)
        if v is None:
            return None
        lo, hi = to_frac(scale["min"]), to_frac(scale["max"])
        if not (lo <= v <= hi):
            return None
        zero = to_frac(scale.get("zero", 0))
        full = to_frac(scale["full"]) if "full" in scale else hi
        s = (v - zero) / (full - zero)
        return min(max(s, Fraction(0)), Fraction(1))
    if kind == "ratio":
        if not isinstance(value, list) or len(value) != 2:
            return None
        n = parse_answer_number(value[0])
        d = parse_answer_number(value[1])
        if n is None or d is None or n < 0 or d <= 0:
            return None
        return min(n / d, Fraction(1))
    raise ValueError(f"unknown scale kind {kind!r}")


def classify(question, scale, answer):
    """(status, score) of one question's answer.

    status is one of "unanswered", "valid", "na", "invalid"; score is a Fraction
    only for "valid".
    """
    if answer is None:
        return "unanswered", None
    if not isinstance(answer, dict):
        return "invalid", None
    has_value = "value" in answer
    na = answer.get("na")
    if na is True:
        if has_value or question.get("na", False) is not True:
            return "invalid", None
        return "na", None
    if not has_value:
        return "unanswered", None  # e.g. only a note
    s = value_score(scale, answer["value"])
    if s is None:
        return "invalid", None
    return "valid", s


def score(q: dict, d: dict) -> dict:
    total = to_frac(q.get("total", 100))
    scales = q.get("scales", {})
    groups = q.get("group", [])
    questions = q.get("question", [])
    answers = d.get("answers", {}) or {}

    def parent_of(node_id: str):
        return node_id.rsplit(".", 1)[0] if "." in node_id else None

    node = {}  # id -> {"kind", "def", "children"}
    root_children: list[str] = []
    for g in groups:
        node[g["id"]] = {"kind": "group", "def": g, "children": []}
    for qq in questions:
        node[qq["id"]] = {"kind": "question", "def": qq, "children": []}
    # children in file order: groups in group order, questions in question order
    for g in groups:
        p = parent_of(g["id"])
        (node[p]["children"] if p is not None else root_children).append(g["id"])
    for qq in questions:
        p = parent_of(qq["id"])
        (node[p]["children"] if p is not None else root_children).append(qq["id"])

    # answers per question
    status: dict[str, str] = {}
    sval: dict[str, Fraction] = {}
    for qq in questions:
        st, s = classify(qq, scales[qq["scale"]], answers.get(qq["id"]))
        status[qq["id"]] = st
        if s is not None:
            sval[qq["id"]] = s

    excluded: dict[str, bool] = {}

    def compute_excluded(nid: str) -> bool:
        n = node[nid]
        if n["kind"] == "question":
            e = status[nid] == "na"
        else:
            e = all([compute_excluded(c) for c in n["children"]])
        excluded[nid] = e
        return e

    for c in root_children:
        compute_excluded(c)

    points: dict[str, Fraction] = {}

    def weight(nid: str) -> Fraction:
        return to_frac(node[nid]["def"].get("weight", 1))

    def distribute(parent_points: Fraction, children: list[str]):
        applicable = [c for c in children if not excluded[c]]
        wsum = sum((weight(c) for c in applicable), Fraction(0))
        for c in children:
            if excluded[c] or wsum == 0:
                points[c] = Fraction(0)
            else:
                points[c] = parent_points * weight(c) / wsum
            distribute(points[c], node[c]["children"])

    distribute(total, root_children)

    earned_q: dict[str, Fraction] = {}
    index_exact = Fraction(0)
    floor = Fraction(0)
    ceiling = Fraction(0)
    for qq in questions:
        qid = qq["id"]
        st = status[qid]
        e = points[qid] * sval[qid] if st == "valid" else Fraction(0)
        earned_q[qid] = e
        index_exact += e
        if st in ("unanswered", "invalid") and not excluded[qid]:
            lo, hi = scale_bounds(scales[qq["scale"]])
            floor += points[qid] * lo
            ceiling += points[qid] * hi
    floor += index_exact
    ceiling += index_exact

    index = round2(index_exact)

    cats = q.get("category", [])
    category = category_label = None
    for c in cats:
        if "above" in c and to_frac(c["above"]) < index:
            category, category_label = c["code"], c.get("label")
            break
    else:
        if cats:
            category, category_label = cats[-1]["code"], cats[-1].get("label")

    # subtree aggregates
    def subtree_questions(nid: str) -> list[str]:
        n = node[nid]
        if n["kind"] == "question":
            return [nid]
        out: list[str] = []
        for c in n["children"]:
            out.extend(subtree_questions(c))
        return out

    def node_earned(nid: str) -> Fraction:
        return sum((earned_q[x] for x in subtree_questions(nid)), Fraction(0))

    def is_answered(qid: str) -> bool:
        return status[qid] in ("valid", "na")

    group_rows = []
    for g in groups:
        gid = g["id"]
        qs = subtree_questions(gid)
        earned = node_earned(gid)
        possible = points[gid]  # 0 when excluded
        group_rows.append({
            "id": gid,
            "title": g.get("title"),
            "earned": earned,
            "possible": possible,
            "percent": None if possible == 0 else 100 * earned / possible,
            "answered": sum(1 for x in qs if is_answered(x)),
            "questions": len(qs),
        })

    pred_rows = []
    for p in q.get("predicate", []):
        failing = []
        for req in p.get("require", []):
            if "min_index" in req:
                kind, ok = "min_index", index >= to_frac(req["min_index"])
            elif "min_points" in req:
                e = sum((node_earned(n) for n in req["nodes"]), Fraction(0))
                kind, ok = "min_points", round2(e) >= to_frac(req["min_points"])
            elif "min_percent" in req:
                e = sum((node_earned(n) for n in req["nodes"]), Fraction(0))
                poss = sum((points[n] for n in req["nodes"]), Fraction(0))
                ok = True if poss == 0 else round2(100 * e / poss) >= to_frac(req["min_percent"])
                kind = "min_percent"
            else:
                raise ValueError(f"unknown requirement {req!r}")
            if not ok:
                failing.append({"kind": kind, "requirement": req})
        pred_rows.append({"code": p["code"], "holds": not failing, "failing": failing})

    qids = set(status)
    orphaned = [a for a in answers if a not in qids]

    return {
        "index": index,
        "index_exact": index_exact,
        "floor": floor,
        "ceiling": ceiling,
        "category": category,
        "category_label": category_label,
        "answered": sum(1 for x in status if is_answered(x)),
        "questions": len(questions),
        "not_applicable": sum(1 for x in status.values() if x == "na"),
        "invalid": [qq["id"] for qq in questions if status[qq["id"]] == "invalid"],
        "orphaned": orphaned,
        "groups": group_rows,
        "predicates": pred_rows,
        # extras for diagnostics, not compared
        "_points": points,
        "_status": status,
        "_earned": earned_q,
        "_excluded": excluded,
    }
