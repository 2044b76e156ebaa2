#!/usr/bin/env python3
"""Cross-check `pmprb score DRAFT --json` against an independent Python model of SPEC §2.

    python3 tests/crosscheck/run.py --bin target/debug/pmprb --cases 2000 --seed 1
    python3 tests/crosscheck/run.py --bin target/debug/pmprb --seed 1 --only 417 --shrink

Each case is a random valid questionnaire + draft (gen.py), written as q.toml / d.toml
into a temporary folder; the binary's JSON is compared with spec_score.score().  Failing
cases are kept in --keep (default /tmp/pmprb-crosscheck-<seed>/case-<n>/) with the
expected and actual JSON.  The last line is `N passed, M failed`; exit 1 if any failed.

Decisions this model follows (they complement SPEC §2):
- P(root) = total (default 100); P(n) = P(parent) * w(n) / sum of w over applicable
  siblings; weight default 1, any finite >= 0; a zero sum gives every sibling 0 points.
- A question with a valid N/A answer is excluded, a group with all children excluded is
  excluded; excluded nodes get 0 points and leave the sibling sum.
- `na = true` on a question without `na = true`, or `na = true` together with `value`, is
  invalid; an answer with neither value nor na (only a note) is unanswered.
- Valid values: choice: string equal to a code; percent: number >= 0; number: min <= v <= max;
  ratio: [n, d] with n >= 0, d > 0.  Numbers may be TOML int/float or strings with a single
  decimal comma ("85,5", surrounding spaces stripped).  Anything else is invalid.
- Scores: choice option score; percent min(v,100)/100; number clamp((v-zero)/(full-zero),0,1)
  (zero default 0, full default max); ratio min(n/d, 1).
- floor / ceiling = index_exact + sum over unanswered-or-invalid non-excluded questions of
  P(q) * lowest / highest scale score (choice: min / max option score, others 0 / 1).
- index = round half away from zero to 2 dp of the exact value; category = first band with
  above < index, else the last.
- Predicates: min_index: index >= v; min_points: round2(sum earned of nodes) >= v;
  min_percent: round2(100 * sum earned / sum possible) >= v, holds if sum possible = 0.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import copy
import json
import math
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from fractions import Fraction

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import gen  # noqa: E402
import spec_score  # noqa: E402

TOL = 1e-6


# --------------------------------------------------------------------------- comparison

def jsonable(x):
    if isinstance(x, Fraction):
        return float(x) if x.denominator != 1 else int(x)
    if isinstance(x, dict):
        return {k: jsonable(v) for k, v in x.items() if not k.startswith("_")}
    if isinstance(x, list):
        return [jsonable(v) for v in x]
    return x


def near_boundary(x: Fraction) -> bool:
    """True when x is within 1e-9 of, but not exactly on, a .xx5 rounding boundary."""
    y = x * 100 - Fraction(1, 2)
    d = abs(y - round(y))
    return 0 < d < Fraction(1, 10**7)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def cmp_float(diffs, path, exp, act):
    if exp is None:
        if act is not None:
            diffs.append((path, None, act))
        return
    if not is_num(act) or not math.isfinite(act) or abs(float(exp) - act) > TOL:
        diffs.append((path, float(exp), act))


def cmp_eq(diffs, path, exp, act):
    if exp != act:
        diffs.append((path, exp, act))


def compare(exp: dict, act: dict, qd: dict, dd: dict) -> list[tuple]:
    diffs: list[tuple] = []
    missing = [k for k in ("index", "index_exact", "floor", "ceiling", "category", "category_label",
                           "answered", "questions", "not_applicable", "invalid", "orphaned",
                           "groups", "predicates") if k not in act]
    for k in missing:
        diffs.append((k, "<present>", "<missing>"))
    if missing:
        return diffs

    q = act.get("questionnaire")
    if not isinstance(q, dict) or q.get("id") != qd["id"] or q.get("version") != qd["version"]:
        diffs.append(("questionnaire", {"id": qd["id"], "version": qd["version"]}, q))
    cmp_eq(diffs, "unit", dd["unit"], act.get("unit"))
    cmp_eq(diffs, "period", dd["period"], act.get("period"))

    # index: already rounded to 2 dp, equal to ours after rounding
    v = act["index"]
    if not is_num(v) or spec_score.round2(Fraction(str(float(v)))) != exp["index"] \
            or abs(float(v) - float(exp["index"])) > 1e-9:
        note = " (index_exact is within 1e-9 of a .xx5 boundary)" if near_boundary(exp["index_exact"]) else ""
        diffs.append(("index" + note, float(exp["index"]), v))
    for k in ("index_exact", "floor", "ceiling"):
        cmp_float(diffs, k, exp[k], act[k])
    for k in ("category", "category_label", "answered", "questions", "not_applicable", "invalid", "orphaned"):
        cmp_eq(diffs, k, exp[k], act[k])

    eg, ag = exp["groups"], act["groups"]
    if not isinstance(ag, list) or [g["id"] for g in eg] != [g.get("id") if isinstance(g, dict) else g for g in ag]:
        diffs.append(("groups[].id", [g["id"] for g in eg],
                      [g.get("id") if isinstance(g, dict) else g for g in ag] if isinstance(ag, list) else ag))
    else:
        for e, a in zip(eg, ag):
            p = f"groups[{e['id']}]"
            cmp_eq(diffs, p + ".title", e["title"], a.get("title"))
            for k in ("earned", "possible", "percent"):
                if k not in a:
                    diffs.append((p + "." + k, "<present>", "<missing>"))
                else:
                    cmp_float(diffs, p + "." + k, e[k], a[k])
            for k in ("answered", "questions"):
                cmp_eq(diffs, p + "." + k, e[k], a.get(k))

    ep, ap = exp["predicates"], act["predicates"]
    if not isinstance(ap, list) or len(ap) != len(ep):
        diffs.append(("predicates", jsonable(ep), ap))
    else:
        for e, a in zip(ep, ap):
            p = f"predicates[{e['code']}]"
            if not isinstance(a, dict):
                diffs.append((p, jsonable(e), a))
                continue
            cmp_eq(diffs, p + ".code", e["code"], a.get("code"))
            cmp_eq(diffs, p + ".holds", e["holds"], a.get("holds"))
            ek = [f["kind"] for f in e["failing"]]
            af = a.get("failing")
            ak = [f.get("kind") if isinstance(f, dict) else f for f in af] if isinstance(af, list) else af
            if ek != ak:
                diffs.append((p + ".failing[].kind", ek, ak))
    return diffs


# --------------------------------------------------------------------------- running

def run_binary(binary: str, folder: str, timeout: float = 20):
    try:
        cp = subprocess.run([binary, "score", "d.toml", "--json"], cwd=folder,
                            capture_output=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, "timeout"
    if cp.returncode != 0:
        return None, f"exit {cp.returncode}: {cp.stderr.decode(errors='replace').strip()[:2000]}"
    try:
        return json.loads(cp.stdout), None
    except json.JSONDecodeError as e:
        return None, f"not JSON ({e}): {cp.stdout[:500]!r}"


def check_texts(binary: str, qtext: str, dtext: str):
    """(diffs, expected, actual_or_None, error_or_None) for one questionnaire + draft."""
    qd = tomllib.loads(qtext)
    dd = tomllib.loads(dtext)
    exp = spec_score.score(qd, dd)
    with tempfile.TemporaryDirectory(prefix="pmprb-cc-") as tmp:
        with open(os.path.join(tmp, "q.toml"), "w", encoding="utf-8") as f:
            f.write(qtext)
        with open(os.path.join(tmp, "d.toml"), "w", encoding="utf-8") as f:
            f.write(dtext)
        act, err = run_binary(binary, tmp)
    if err is not None:
        return [("run", "success", err)], exp, None, err
    return compare(exp, act, qd, dd), exp, act, None


def check_case(binary: str, case):
    return check_texts(binary, case.questionnaire_toml(), case.draft_toml())


def signature(diffs):
    return {d[0].split("[")[0].split(" ")[0].split(".")[0] for d in diffs}


# --------------------------------------------------------------------------- shrinking

def _subtree(case, nid):
    return {d["id"] for _, d in case.nodes if d["id"] == nid or d["id"].startswith(nid + ".")}


def _drop_ids(case, ids):
    c = copy.deepcopy(case)
    c.nodes = [(k, d) for k, d in c.nodes if d["id"] not in ids]
    c.answers = [(a, v) for a, v in c.answers if a not in ids]
    for p in c.predicates:
        for r in p["require"]:
            if "nodes" in r:
                r["nodes"] = [n for n in r["nodes"] if n not in ids]
        p["require"] = [r for r in p["require"] if "nodes" not in r or r["nodes"]]
    c.predicates = [p for p in c.predicates if p["require"]]
    return c


def _candidates(case):
    # big steps first
    for i in range(len(case.predicates)):
        c = copy.deepcopy(case)
        del c.predicates[i]
        yield c
    for _, d in case.nodes:
        yield _drop_ids(case, _subtree(case, d["id"]))
    for i in range(len(case.answers)):
        c = copy.deepcopy(case)
        del c.answers[i]
        yield c
    for i, p in enumerate(case.predicates):
        for j in range(len(p["require"])):
            c = copy.deepcopy(case)
            del c.predicates[i]["require"][j]
            if c.predicates[i]["require"]:
                yield c
    if len(case.categories) > 1:
        c = copy.deepcopy(case)
        c.categories = [c.categories[-1]]
        yield c
    if "total" in case.q:
        c = copy.deepcopy(case)
        del c.q["total"]
        yield c
    if case.group_first:
        c = copy.deepcopy(case)
        c.group_first = False
        yield c
    used = {d["scale"] for k, d in case.nodes if k == "question"}
    unused = [s for s in case.scales if s not in used]
    if unused:
        c = copy.deepcopy(case)
        for s in unused:
            del c.scales[s]
        yield c
    for _, d in case.nodes:
        if "weight" in d:
            c = copy.deepcopy(case)
            for _, d2 in c.nodes:
                if d2["id"] == d["id"]:
                    del d2["weight"]
            yield c
    for i, (aid, a) in enumerate(case.answers):
        for k in [k for k in a if k not in ("value", "na")]:
            c = copy.deepcopy(case)
            del c.answers[i][1][k]
            yield c
    for k, d in case.nodes:
        for f in ("guidance", "evidence", "numerator", "denominator"):
            if f in d:
                c = copy.deepcopy(case)
                for _, d2 in c.nodes:
                    if d2["id"] == d["id"]:
                        for f2 in ("guidance", "evidence", "numerator", "denominator"):
                            d2.pop(f2, None)
                yield c
                break


def shrink(binary: str, case, budget: int = 3000):
    diffs, *_ = check_case(binary, case)
    sig = signature(diffs)
    if not diffs:
        return case
    tries = 0
    progress = True
    while progress and tries < budget:
        progress = False
        for c in _candidates(case):
            tries += 1
            if tries > budget:
                break
            try:
                qd = tomllib.loads(c.questionnaire_toml())
            except Exception:
                continue
            if gen.validate(qd) or not qd.get("question"):
                continue
            d2, *_ = check_case(binary, c)
            if d2 and signature(d2) & sig:
                case = c
                progress = True
                break
    return case


# --------------------------------------------------------------------------- report

def keep_case(keep_root, n, case, diffs, exp, act, err):
    d = os.path.join(keep_root, f"case-{n}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "q.toml"), "w", encoding="utf-8") as f:
        f.write(case.questionnaire_toml())
    with open(os.path.join(d, "d.toml"), "w", encoding="utf-8") as f:
        f.write(case.draft_toml())
    with open(os.path.join(d, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(jsonable(exp), f, indent=2, ensure_ascii=False)
    with open(os.path.join(d, "actual.json"), "w", encoding="utf-8") as f:
        if act is not None:
            json.dump(act, f, indent=2, ensure_ascii=False)
        else:
            f.write(json.dumps({"error": err}))
    with open(os.path.join(d, "diffs.txt"), "w", encoding="utf-8") as f:
        for p, e, a in diffs:
            f.write(f"{p}: expected {e!r}, got {a!r}\n")
    return d


def describe(n, seed, diffs, path, max_lines=12):
    lines = [f"--- MISMATCH seed={seed} case={n}  (files: {path})"]
    for p, e, a in diffs[:max_lines]:
        lines.append(f"    {p}: expected {json.dumps(jsonable(e), ensure_ascii=False)}, "
                     f"got {json.dumps(a, ensure_ascii=False)}")
    if len(diffs) > max_lines:
        lines.append(f"    ... {len(diffs) - max_lines} more")
    if isinstance(n, int):
        lines.append(f"    reproduce: python3 {os.path.relpath(__file__)} --bin BIN --seed {seed} --only {n} [--shrink]")
    else:
        lines.append(f"    reproduce: cd {path} && BIN score d.toml --json")
    return "\n".join(lines)


def _one(job):
    binary, seed, n = job
    case = gen.gen_case(seed, n)
    diffs, exp, act, err = check_case(binary, case)
    return n, case, diffs, exp, act, err


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True, help="path to the pmprb binary")
    ap.add_argument("--cases", type=int, default=1000)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--only", type=int, action="append", help="run only this case number (repeatable)")
    ap.add_argument("--start", type=int, default=0, help="first case number")
    ap.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    ap.add_argument("--show", type=int, default=5, help="mismatches printed in detail")
    ap.add_argument("--keep", help="folder for failing cases (default /tmp/pmprb-crosscheck-SEED)")
    ap.add_argument("--shrink", action="store_true", help="shrink the first failing case and keep it as case-N-min")
    args = ap.parse_args(argv)

    binary = os.path.abspath(args.bin)
    if not os.access(binary, os.X_OK):
        print(f"no executable binary at {binary}", file=sys.stderr)
        return 2
    keep_root = args.keep or os.path.join(tempfile.gettempdir(), f"pmprb-crosscheck-{args.seed}")
    numbers = args.only or list(range(args.start, args.start + args.cases))


    t0 = time.monotonic()
    passed = failed = shown = 0
    first_fail = None
    by_field: dict[str, int] = {}
    with cf.ProcessPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        for n, case, diffs, exp, act, err in ex.map(_one, [(binary, args.seed, n) for n in numbers],
                                                      chunksize=8):
            if not diffs:
                passed += 1
                continue
            failed += 1
            for s in signature(diffs):
                by_field[s] = by_field.get(s, 0) + 1
            path = keep_case(keep_root, n, case, diffs, exp, act, err)
            if first_fail is None:
                first_fail = (n, case)
            if shown < args.show:
                shown += 1
                print(describe(n, args.seed, diffs, path))
    elapsed = time.monotonic() - t0

    if failed:
        print("mismatching fields (cases): " + ", ".join(f"{k} {v}" for k, v in sorted(by_field.items())))
    if args.shrink and first_fail is not None:
        n, case = first_fail
        small = shrink(binary, case)
        diffs, exp, act, err = check_case(binary, small)
        path = keep_case(keep_root, f"{n}-min", small, diffs, exp, act, err)
        print(f"shrunk case {n}: {path}")
        print(describe(f"{n}-min", args.seed, diffs, path))
    print(f"({elapsed:.1f}s)", file=sys.stderr)
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
