"""One person, one voice: which counted responses are independent respondents.

A verified response is one fingerprint (a normalised e-mail address or a code), but
one person can hold many codes or mailboxes. Until an organiser reviews them
(`services.review_responses`), the ranking therefore

- **holds back** a flagged response (a burst from one client address): it is in no
  count but "held back";
- counts a **same-source cluster** as one respondent: unreviewed responses from one
  client address (`Response.source_hash`) each within `SURVEYS_BURST_SECONDS` of the
  previous one;
- counts an **identical-answer cluster** as one respondent: more than
  `SURVEYS_BURST_LIMIT` unreviewed responses about one target with the very same
  answers, each within `SURVEYS_BURST_SECONDS` of the previous one (fewer are a
  plausible coincidence on a five-point scale).

A cluster speaks with its earliest response's answers. A reviewed response is its
own respondent. The counts per target say how many responses came through codes
and e-mail, how many were held back and how many were merged into a cluster.
"""

from dataclasses import dataclass

from django.conf import settings

from .enums import Proof
from .models import Answer, Response


def window_seconds():
    return getattr(settings, "SURVEYS_BURST_SECONDS", 600)


def burst_limit():
    return getattr(settings, "SURVEYS_BURST_LIMIT", 3)


@dataclass
class TargetCounts:
    """A target's counted responses: how they were proved and how many are independent."""

    verified: int = 0
    by_code: int = 0
    by_email: int = 0
    held: int = 0
    merged: int = 0
    independent: int = 0


class _Clusters:
    """Union-find over response ids."""

    def __init__(self, ids):
        self.parent = {i: i for i in ids}

    def find(self, i):
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a, b):
        self.parent[self.find(a)] = self.find(b)


def _runs(rows, window):
    """Split time-ordered rows into runs whose neighbours are at most `window` s apart."""
    runs = []
    for row in rows:
        if runs and (row["created_at"] - runs[-1][-1]["created_at"]).total_seconds() <= window:
            runs[-1].append(row)
        else:
            runs.append([row])
    return runs


def _cluster(open_rows, answers):
    clusters = _Clusters([r["pk"] for r in open_rows])
    window = window_seconds()
    by_source, by_answers = {}, {}
    for row in open_rows:
        if row["source_hash"]:
            by_source.setdefault(row["source_hash"], []).append(row)
        key = (row["target_id"], tuple(sorted(answers.get(row["pk"], {}).items())))
        by_answers.setdefault(key, []).append(row)
    for rows in by_source.values():
        for run in _runs(rows, window):
            for row in run[1:]:
                clusters.join(row["pk"], run[0]["pk"])
    for rows in by_answers.values():
        for run in _runs(rows, window):
            if len(run) > burst_limit():
                for row in run[1:]:
                    clusters.join(row["pk"], run[0]["pk"])
    return clusters


def independent_answers(survey):
    """({target id: [{criterion id: value}] one per independent respondent},
    {target id: TargetCounts}) over the survey's counted responses."""
    rows = list(
        Response.objects.counted()
        .filter(survey=survey)
        .order_by("created_at", "pk")
        .values("pk", "target_id", "proof", "flagged", "reviewed_at", "source_hash", "created_at")
    )
    answers = {}
    for response_id, criterion_id, value in Answer.objects.filter(
        response__in=[r["pk"] for r in rows]
    ).values_list("response_id", "criterion_id", "value"):
        answers.setdefault(response_id, {})[criterion_id] = value
    counts = {}
    held = {r["pk"] for r in rows if r["flagged"] and r["reviewed_at"] is None}
    open_rows = [r for r in rows if r["pk"] not in held and r["reviewed_at"] is None]
    clusters = _cluster(open_rows, answers)
    speakers, units = set(), {}
    for row in rows:
        count = counts.setdefault(row["target_id"], TargetCounts())
        count.verified += 1
        if row["proof"] == Proof.CODE:
            count.by_code += 1
        else:
            count.by_email += 1
        if row["pk"] in held:
            count.held += 1
            continue
        root = clusters.find(row["pk"]) if row["reviewed_at"] is None else ("own", row["pk"])
        if root in speakers:
            count.merged += 1
            continue
        # Rows are in time order: the first of a cluster speaks for it.
        speakers.add(root)
        count.independent += 1
        units.setdefault(row["target_id"], []).append(answers.get(row["pk"], {}))
    return units, counts
