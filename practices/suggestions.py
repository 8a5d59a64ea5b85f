"""Practices from other cities that resemble a practice: for the similar actions
of an award ("Podobne działania") and for experts writing reports.

Method: TF-IDF over crude Polish stems (a word's first STEM letters, diacritics
folded), cosine similarity, plus a bonus for a shared category. Polish inflects
word endings (strategia/strategii/strategię, cudzoziemców/cudzoziemcy), so a
fixed-length prefix is a cheap stemmer that matches them. Pure Python, so it
runs the same on SQLite and PostgreSQL and adds no dependency; scikit-learn's
character n-grams were not tried: this reaches the recall target on the 2015
booklet (12 of 14 similar actions in the top 5) and the speed target at the
20-year scale (bench/suggestions.py) without numpy and scipy.

The fitted index is kept per process, keyed by the public content version
(`otwarte.cache.version.content_version`), which changes whenever a practice, a city or
a category changes: a stale index is never used. It is not put in Django's
cache: unpickling it on every request would cost more than the query.
"""

import math
import re
import threading
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from otwarte.cache.version import content_version

from .models import Award, Practice

STEM = 6
TITLE_WEIGHT = 3  # a title says more about the action than a sentence of its description
CATEGORY_BONUS = 0.15
MAX_DOCUMENT_SHARE = 0.5  # stems in more than half the practices carry no meaning here
# Champion lists (Manning et al., Introduction to Information Retrieval, 7.1.3):
# each stem keeps only the practices where it weighs most. A query then costs
# at most (its stems × CHAMPIONS) steps however common its words are; a
# practice outside every champion list of the query's stems scores only
# through what the lists miss, which for a stem that common is little.
CHAMPIONS = 300
_WORD = re.compile(r"\w+", re.UNICODE)
_FOLD = str.maketrans({"ł": "l", "Ł": "l"})
# Function words and the words every practice shares (city, foreigners...).
STOPWORDS = frozenset(
    """
    a aby ale albo bez by być czy dla do i ich im in jak jako jest już lub na nad nie o od oraz
    po pod przez przy się są ta tak te to ten tym u w we z za ze że który która które których
    the of and for in to on with by an at
    """.split()
)
# Words of every award's text (the booklet's "jurors and experts recommend that
# cities...") that say nothing about the action; matched as folded prefixes so
# that their inflections go too. Without them a long title that repeats them
# outranks a short one that names the same kind of action.
DOMAIN_PREFIXES = (
    "juror",
    "eksper",
    "rekomend",
    "zdaniem",
    "samorzad",
    "miast",
    "miejsk",
    "urzed",
    "urzad",
    "dzialan",
    "program",
    "gmin",
    "powinn",
    "wszystk",
    "rozny",
    "roznych",
    "takze",
    "rowniez",
    "wieksz",
    "kilk",
    "ktor",
)


def _fold(word):
    word = word.lower().translate(_FOLD)
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def _stem(word):
    """The stem of a word, or None for words that say nothing here."""
    lowered = word.lower()
    if lowered in STOPWORDS or len(word) < 3 or word.isdigit():
        return None
    folded = _fold(word)
    if folded.startswith(DOMAIN_PREFIXES):
        return None
    return folded[:STEM]


def terms(text):
    """Counter of stems, and the first word seen for each stem (for the reason)."""
    counts, words = Counter(), {}
    for word in _WORD.findall(text or ""):
        stem = _stem(word)
        if stem is None:
            continue
        counts[stem] += 1
        words.setdefault(stem, word.lower())
    return counts, words


def _document(title, description):
    counts, words = terms(title)
    counts = Counter({stem: n * TITLE_WEIGHT for stem, n in counts.items()})
    more, more_words = terms(description)
    counts.update(more)
    for stem, word in more_words.items():
        words.setdefault(stem, word)
    return counts, words


@dataclass
class Suggestion:
    practice: Practice
    score: float
    shared_terms: list  # words of the practice asked about, most telling first
    same_category: bool


class Index:
    """An inverted index of every practice: stem -> [(practice index, weight)]."""

    def __init__(self, rows):
        # rows: (pk, city_id, title, description, category ids)
        self.pks, self.cities, self.categories = [], [], []
        documents = []
        for pk, city_id, title, description, categories in rows:
            self.pks.append(pk)
            self.cities.append(city_id)
            self.categories.append(frozenset(categories))
            documents.append(_document(title, description)[0])
        count = len(documents)
        df = Counter(stem for doc in documents for stem in doc)
        limit = max(20, MAX_DOCUMENT_SHARE * count)
        self.idf = {
            stem: math.log((1 + count) / (1 + n)) + 1 for stem, n in df.items() if n <= limit
        }
        self.postings = {}
        for position, doc in enumerate(documents):
            weights = self._weights(doc)
            for stem, weight in weights.items():
                self.postings.setdefault(stem, []).append((position, weight))
        for stem, postings in self.postings.items():
            if len(postings) > CHAMPIONS:
                postings.sort(key=lambda p: -p[1])
                del postings[CHAMPIONS:]
        self.position = {pk: i for i, pk in enumerate(self.pks)}

    def _weights(self, counts):
        """Sublinear tf × idf, L2-normalised."""
        weights = {
            stem: (1 + math.log(n)) * self.idf[stem]
            for stem, n in counts.items()
            if stem in self.idf
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {stem: w / norm for stem, w in weights.items()}

    def query(self, *, title, description, city_id, categories, exclude=(), limit=5):
        counts, words = _document(title, description)
        weights = self._weights(counts)
        scores, shared = {}, {}
        for stem, weight in weights.items():
            for position, other in self.postings.get(stem, ()):
                scores[position] = scores.get(position, 0.0) + weight * other
                shared.setdefault(position, []).append((weight * other, stem))
        categories = frozenset(categories)
        excluded = {self.position[pk] for pk in exclude if pk in self.position}
        ranked = []
        for position, score in scores.items():
            if self.cities[position] == city_id or position in excluded:
                continue
            same = bool(categories & self.categories[position])
            ranked.append((score + (CATEGORY_BONUS if same else 0.0), position, same))
        # Highest score first; equal scores in a stable order (the practice's id).
        ranked.sort(key=lambda t: (-t[0], self.pks[t[1]]))
        return [
            (
                self.pks[position],
                score,
                [words[s] for _w, s in sorted(shared[position], reverse=True)[:4]],
                same,
            )
            for score, position, same in ranked[:limit]
        ]


_indexes = {}
_lock = threading.Lock()


def _rows():
    categories = {}
    for practice_id, category_id in Practice.categories.through.objects.values_list(
        "practice_id", "category_id"
    ):
        categories.setdefault(practice_id, []).append(category_id)
    # The Polish columns: the content's own language, always filled.
    for pk, city_id, title, description in Practice.objects.order_by("pk").values_list(
        "pk", "city_id", "title_pl", "description_pl"
    ):
        yield pk, city_id, title, description, categories.get(pk, ())


def index():
    """The index of the current content version, built on first use."""
    version = content_version()
    found = _indexes.get(version)
    if found is None:
        with _lock:
            found = _indexes.get(version)
            if found is None:
                found = Index(list(_rows()))
                _indexes.clear()  # one version at a time
                _indexes[version] = found
    return found


def suggest(*, practice, category=None, text="", exclude=(), limit=5):
    """Practices of other cities resembling `practice`, best first: [Suggestion].

    `category` (the award's) counts as shared when a candidate has it among its
    categories, and its name joins the query; without it, the practice's own
    categories are used. `text` adds words to the query (the award's
    recommendation, the experts' justification)."""
    if category is not None:
        categories = [category.pk]
        text = f"{category.name_pl} {category.description_pl or ''} {text}"
    else:
        categories = list(practice.categories.values_list("pk", flat=True))
    found = index().query(
        title=practice.title_pl or "",
        description=f"{practice.description_pl or ''} {text}",
        city_id=practice.city_id,
        categories=categories,
        exclude=set(exclude) | {practice.pk},
        limit=limit,
    )
    practices = Practice.objects.select_related("city").in_bulk([pk for pk, *_ in found])
    return [
        Suggestion(practice=practices[pk], score=score, shared_terms=shared, same_category=same)
        for pk, score, shared, same in found
        if pk in practices
    ]


def suggest_for_award(*, practice, category, edition, text="", limit=5):
    """Suggestions for an award of `edition`: never a practice awarded in the same
    edition (it has its own place in the booklet, not under another award)."""
    awarded = Award.objects.filter(edition=edition).values_list("practice_id", flat=True)
    return suggest(
        practice=practice, category=category, text=text, exclude=set(awarded), limit=limit
    )
