"""Validate article.jsonl: schema, per-kind/split counts, evidence spans and answers against ../../seeds/*.txt."""

import glob, json, os, re, sys
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {
    "fact": 15,
    "paraphrase": 8,
    "multihop": 8,
    "attribution": 6,
    "followup": 8,
    "unanswerable": 12,
}
REQUIRED = [
    "Where did Mr. Xi and Mr. Putin meet on Feb. 4?",
    "What has the U.S. been sending to Ukraine, according to Hua Chunying?",
    "Who was senior Asia director at the White House National Security Council in the Obama administration?",
    "Who won the 2022 Super Bowl?",
    "Who said that China claims neutrality but adopts the Russian line?",
]
norm = lambda s: re.sub(r"\s+", " ", s).strip()
arts = [
    norm(open(p, encoding="utf-8").read())
    for p in sorted(glob.glob(os.path.join(HERE, "../../seeds/*.txt")))
]
errs, ids, table = [], set(), Counter()
if not arts:
    errs.append("no seed articles found")
path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "article.jsonl")
rows = [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]
for r in rows:
    rid, k = r.get("id"), r.get("kind")
    e = lambda m: errs.append(f"{rid}: {m}")
    want = {"id", "split", "kind", "question", "answers", "evidence"} | (
        {"history"} if k == "followup" else set()
    )
    if set(r) != want:
        e(f"fields {sorted(r)} != {sorted(want)}")
    if not re.fullmatch(r"q\d{3}", str(rid)) or rid in ids:
        e("bad or duplicate id")
    ids.add(rid)
    if r.get("split") not in ("dev", "test"):
        e("bad split")
    if k not in KINDS:
        e("bad kind")
        continue
    if not isinstance(r.get("question"), str) or not r["question"].strip():
        e("empty question")
    ans, ev = r.get("answers", []), r.get("evidence", [])
    if not (
        isinstance(ans, list)
        and isinstance(ev, list)
        and all(isinstance(x, str) and x.strip() for x in ans + ev)
    ):
        e("answers/evidence must be lists of non-empty strings")
        continue
    if k == "followup" and not (
        isinstance(r["history"], list)
        and r["history"]
        and all(isinstance(h, str) and h for h in r["history"])
    ):
        e("followup needs non-empty history list")
    if k == "unanswerable":
        if ans or ev:
            e("unanswerable must have empty answers and evidence")
    else:
        if not ans or not ev:
            e("answerable needs answers and evidence")
        for s in ev:
            if not any(norm(s) in a for a in arts):
                e(f"evidence not in article: {s[:60]!r}")
        hay = (" ".join(norm(s) for s in ev) + " " + " ".join(arts)).lower()
        if not any(norm(a).lower() in hay for a in ans):
            e("no accepted answer appears in evidence/article")
    table[(k, r.get("split"))] += 1
qs = {r.get("question") for r in rows}
errs += [f"missing required question: {q}" for q in REQUIRED if q not in qs]
if len(rows) < 60:
    errs.append(f"only {len(rows)} rows (< 60)")
print(f"{'kind':<14}{'dev':>5}{'test':>6}{'total':>7}{'test%':>7}")
for k, mn in KINDS.items():
    d, t = table[(k, "dev")], table[(k, "test")]
    print(f"{k:<14}{d:>5}{t:>6}{d + t:>7}{(100 * t / max(d + t, 1)):>6.0f}%")
    if d + t < mn:
        errs.append(f"{k}: {d + t} < {mn}")
    if not d or not t:
        errs.append(f"{k}: needs both dev and test")
d, t = (
    sum(v for (_, s), v in table.items() if s == "dev"),
    sum(v for (_, s), v in table.items() if s == "test"),
)
print(f"{'TOTAL':<14}{d:>5}{t:>6}{d + t:>7}{(100 * t / max(d + t, 1)):>6.0f}%")
print("\n".join(errs) or "OK")
sys.exit(1 if errs else 0)
