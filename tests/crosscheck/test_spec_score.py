"""Hand-computed checks of spec_score.py.  Run: cd tests/crosscheck && python3 -m unittest"""

import tomllib
import unittest
from fractions import Fraction as F

import gen
import spec_score
from spec_score import score, round2

HEAD = """
schema = 1
id = "t"
version = "1"
title = "T"

[scales.YT]
kind = "choice"
options = [{ code = "Y", label = "Ya", score = 1.0 }, { code = "T", label = "Tidak", score = 0 }]

[scales.ABC]
kind = "choice"
options = [
  { code = "A", label = "a", score = 1 },
  { code = "B", label = "b", score = 0.67 },
  { code = "C", label = "c", score = 0.33 },
]

[scales.persen]
kind = "percent"

[scales.ipak]
kind = "number"
min = 1
max = 4
zero = 0
full = 4

[scales.terbalik]
kind = "number"
min = 0
max = 10
zero = 10
full = 0

[scales.rasio]
kind = "ratio"

[[category]]
code = "AA"
label = "Sangat Memuaskan"
above = 90
[[category]]
code = "A"
label = "Memuaskan"
above = 80
[[category]]
code = "BB"
label = "Sangat Baik"
above = 70
[[category]]
code = "B"
label = "Baik"
above = 60
[[category]]
code = "CC"
label = "Cukup"
above = 50
[[category]]
code = "C"
label = "Kurang"
above = 30
[[category]]
code = "D"
label = "Sangat Kurang"
"""

# The LKE shape: weights add up to the parent's weight.
LKE = HEAD + """
[[group]]
id = "A"
title = "Pengungkit"
weight = 60
[[group]]
id = "A.I"
title = "Pemenuhan"
weight = 20
[[question]]
id = "A.I.1"
text = "q"
scale = "YT"
weight = 12
[[question]]
id = "A.I.2"
text = "q"
scale = "ABC"
weight = 8
na = true
[[group]]
id = "A.II"
title = "Reform"
weight = 40
[[question]]
id = "A.II.1"
text = "q"
scale = "persen"
weight = 30
[[question]]
id = "A.II.2"
text = "q"
scale = "rasio"
weight = 10
na = true
[[group]]
id = "B"
title = "Hasil"
weight = 40
[[question]]
id = "B.1"
text = "q"
scale = "ipak"
weight = 25
[[question]]
id = "B.2"
text = "q"
scale = "terbalik"
weight = 15

[[predicate]]
code = "WBK"
label = "WBK"
require = [
  { min_index = 75 },
  { nodes = ["A"], min_points = 40 },
  { nodes = ["A.I", "B.1"], min_percent = 60 },
]
"""


def run(qtext, dtext):
    return score(tomllib.loads(qtext), tomllib.loads(dtext))


def grp(res, gid):
    return next(g for g in res["groups"] if g["id"] == gid)


class Rounding(unittest.TestCase):
    def test_half_away(self):
        self.assertEqual(round2(F("12.345")), F("12.35"))
        self.assertEqual(round2(F("12.3449999")), F("12.34"))
        self.assertEqual(round2(F("-12.345")), F("-12.35"))
        self.assertEqual(round2(F("0.005")), F("0.01"))
        self.assertEqual(round2(F(200, 3)), F("66.67"))

    def test_number_forms(self):
        p = spec_score.parse_answer_number
        self.assertEqual(p("85,5"), F("85.5"))
        self.assertEqual(p(" 85,5 "), F("85.5"))
        self.assertEqual(p(0.67), F(67, 100))
        self.assertIsNone(p("1,2,3"))
        self.assertIsNone(p("abc"))
        self.assertIsNone(p(""))
        self.assertIsNone(p(True))
        self.assertIsNone(p("1/2"))
        self.assertIsNone(p("inf"))
        self.assertIsNone(p(float("nan")))


class Lke(unittest.TestCase):
    def test_all_best(self):
        d = """[answers."A.I.1"]\nvalue = "Y"\n[answers."A.I.2"]\nvalue = "A"\n
[answers."A.II.1"]\nvalue = 100\n[answers."A.II.2"]\nvalue = [3, 2]\n
[answers."B.1"]\nvalue = 4\n[answers."B.2"]\nvalue = 0\n"""
        r = run(LKE, d)
        self.assertEqual(r["index_exact"], 100)
        self.assertEqual(r["category"], "AA")
        self.assertEqual(r["floor"], 100)
        self.assertEqual(r["ceiling"], 100)
        self.assertEqual(r["answered"], 6)
        self.assertTrue(r["predicates"][0]["holds"])
        # written weights come out exactly
        self.assertEqual(r["_points"]["A.I"], 20)
        self.assertEqual(r["_points"]["A.II.1"], 30)
        self.assertEqual(r["_points"]["B.2"], 15)

    def test_mixed(self):
        # A.I.1 Y -> 12; A.I.2 B -> 8*0.67 = 5.36; A.II.1 "85,5" -> 30*0.855 = 25.65
        # A.II.2 [1, 4] -> 10*0.25 = 2.5; B.1 = 3 -> 25*3/4 = 18.75; B.2 = 4 -> 15*(4-10)/(0-10) = 9
        d = """[answers."A.I.1"]\nvalue = "Y"\n[answers."A.I.2"]\nvalue = "B"\n
[answers."A.II.1"]\nvalue = "85,5"\n[answers."A.II.2"]\nvalue = [1, "4"]\n
[answers."B.1"]\nvalue = 3\n[answers."B.2"]\nvalue = 4.0\n"""
        r = run(LKE, d)
        self.assertEqual(r["index_exact"], F("73.26"))
        self.assertEqual(r["index"], F("73.26"))
        self.assertEqual(r["category"], "BB")
        self.assertEqual(r["category_label"], "Sangat Baik")
        self.assertEqual(grp(r, "A.I")["earned"], F("17.36"))
        self.assertEqual(grp(r, "A")["earned"], F("45.51"))
        self.assertEqual(grp(r, "B")["percent"], F("27.75") * 100 / 40)
        p = r["predicates"][0]
        # min_index 75 fails; min_points A 45.51 >= 40 holds;
        # min_percent (17.36 + 18.75) / (20 + 25) = 80.24% holds
        self.assertFalse(p["holds"])
        self.assertEqual([f["kind"] for f in p["failing"]], ["min_index"])

    def test_na_rescale(self):
        # A.I.2 N/A: A.I.1 gets all 20 points of A.I.  A.II.2 N/A: A.II.1 gets all 40.
        d = """[answers."A.I.1"]\nvalue = "Y"\n[answers."A.I.2"]\nna = true\n
[answers."A.II.1"]\nvalue = 50\n[answers."A.II.2"]\nna = true\n"""
        r = run(LKE, d)
        self.assertEqual(r["_points"]["A.I.1"], 20)
        self.assertEqual(r["_points"]["A.I.2"], 0)
        self.assertEqual(r["_points"]["A.II.1"], 40)
        self.assertEqual(r["index_exact"], 40)
        self.assertEqual(r["not_applicable"], 2)
        self.assertEqual(r["answered"], 4)
        # floor: B.1 unanswered at 0, B.2 at 0; ceiling: + 40
        self.assertEqual(r["floor"], 40)
        self.assertEqual(r["ceiling"], 80)
        self.assertEqual(r["category"], "C")

    def test_group_excluded_rescales_top(self):
        q = HEAD + """
[[group]]
id = "A"
title = "A"
weight = 60
[[question]]
id = "A.1"
text = "q"
scale = "YT"
na = true
[[group]]
id = "B"
title = "B"
weight = 40
[[question]]
id = "B.1"
text = "q"
scale = "YT"
"""
        r = run(q, """[answers."A.1"]\nna = true\n[answers."B.1"]\nvalue = "Y"\n""")
        self.assertEqual(r["index_exact"], 100)
        self.assertEqual(grp(r, "A")["possible"], 0)
        self.assertIsNone(grp(r, "A")["percent"])
        self.assertEqual(grp(r, "A")["answered"], 1)
        self.assertEqual(grp(r, "B")["possible"], 100)

    def test_invalid_and_orphans(self):
        d = """
[answers.Z]
value = "Y"
[answers."A.I.1"]
value = "y"
[answers."A.I.2"]
na = true
value = "A"
[answers.A]
na = true
[answers."A.II.1"]
value = -1
[answers."A.II.2"]
value = [1, 0]
[answers."B.1"]
value = 4.5
[answers."B.2"]
note = "only a note"
"""
        r = run(LKE, d)
        self.assertEqual(r["invalid"], ["A.I.1", "A.I.2", "A.II.1", "A.II.2", "B.1"])
        self.assertEqual(r["orphaned"], ["Z", "A"])
        self.assertEqual(r["answered"], 0)
        self.assertEqual(r["index_exact"], 0)
        # floor: choice ABC at 0.33 -> 8 * 0.33 = 2.64
        self.assertEqual(r["floor"], F("2.64"))
        self.assertEqual(r["ceiling"], 100)
        self.assertEqual(r["category"], "D")

    def test_na_not_allowed_is_invalid(self):
        r = run(LKE, """[answers."A.I.1"]\nna = true\n""")
        self.assertEqual(r["invalid"], ["A.I.1"])
        self.assertEqual(r["_points"]["A.I.1"], 12)

    def test_category_boundary(self):
        q = HEAD.replace('schema = 1', 'schema = 1\ntotal = 1') + """
[[question]]
id = "q1"
text = "q"
scale = "persen"
"""
        # total 1: index_exact 0.905 rounds half away from zero to 0.91
        r = run(q, """[answers.q1]\nvalue = 90.5\n""")
        self.assertEqual(r["index_exact"], F("0.905"))
        self.assertEqual(r["index"], F("0.91"))
        q100 = HEAD + """
[[question]]
id = "q1"
text = "q"
scale = "persen"
"""
        self.assertEqual(run(q100, """[answers.q1]\nvalue = 90\n""")["category"], "A")
        self.assertEqual(run(q100, """[answers.q1]\nvalue = 90.01\n""")["category"], "AA")
        self.assertEqual(run(q100, """[answers.q1]\nvalue = 90.004\n""")["category"], "A")
        self.assertEqual(run(q100, """[answers.q1]\nvalue = 90.005\n""")["category"], "AA")

    def test_zero_weights(self):
        q = HEAD + """
[[question]]
id = "q1"
text = "q"
scale = "YT"
weight = 0
[[question]]
id = "q2"
text = "q"
scale = "YT"
weight = 0
"""
        r = run(q, """[answers.q1]\nvalue = "Y"\n""")
        self.assertEqual(r["index_exact"], 0)
        self.assertEqual(r["ceiling"], 0)
        self.assertEqual(r["category"], "D")


class Generator(unittest.TestCase):
    def test_roundtrip_and_score(self):
        for n in range(300):
            c = gen.gen_case("unit", n)
            qd = tomllib.loads(c.questionnaire_toml())
            dd = tomllib.loads(c.draft_toml())
            r = score(qd, dd)
            self.assertEqual(gen.validate(qd), [])
            # the generator's direct dicts score the same as the emitted TOML
            q2, d2 = gen._parse(c)
            r2 = score(q2, d2)
            for k in ("index_exact", "floor", "ceiling", "invalid", "orphaned", "groups", "predicates"):
                self.assertEqual(r[k], r2[k], (n, k))
            # unanswered questions count 0 in index_exact, so with a choice scale whose
            # lowest score is > 0 the floor is above index_exact (SPEC §2.5 says <=).
            self.assertLessEqual(r["index_exact"], r["floor"])
            self.assertLessEqual(r["floor"], r["ceiling"])
            self.assertLessEqual(r["ceiling"], spec_score.to_frac(qd.get("total", 100)))

    def test_points_add_up(self):
        # with no zero weights and something applicable, question points sum to total
        hits = 0
        for n in range(300):
            c = gen.gen_case("sum", n)
            qd = tomllib.loads(c.questionnaire_toml())
            r = score(qd, tomllib.loads(c.draft_toml()))
            nodes = qd.get("group", []) + qd["question"]
            if any(spec_score.to_frac(d.get("weight", 1)) == 0 for d in nodes):
                continue
            top = [d["id"] for d in nodes if "." not in d["id"]]
            if all(r["_excluded"][t] for t in top):
                continue
            hits += 1
            self.assertEqual(sum(r["_points"][d["id"]] for d in qd["question"]),
                             spec_score.to_frac(qd.get("total", 100)), n)
            for g in r["groups"]:
                kids = [d["id"] for d in nodes if d["id"].rsplit(".", 1)[0] == g["id"] and "." in d["id"]]
                self.assertEqual(sum(r["_points"][k] for k in kids), g["possible"])
        self.assertGreater(hits, 30)

    def test_toml_str(self):
        s = 'a"b\\c\nd\x01é'
        self.assertEqual(tomllib.loads("k = " + gen.toml_str(s))["k"], s)


if __name__ == "__main__":
    unittest.main()
