"""Jurors, criteria, nominations, scores (with their history) and conflicts of interest.

The rules (who may score what, when; the tally) live in `jury/services/` and
`jury/permissions.py`; the models hold fields, constraints and querysets.
"""

from .city_checks import CityCheck, CityCheckAnswer
from .conflicts import Conflict, ConflictDisclosure
from .criteria import Criterion
from .deliberation import Post, PostTranslation, Thread
from .jurors import Juror
from .nominations import Nomination
from .quotes import JurorQuote
from .scores import Score, ScoreChange, ScoreComment

__all__ = [
    "CityCheck",
    "CityCheckAnswer",
    "Conflict",
    "ConflictDisclosure",
    "Criterion",
    "Juror",
    "JurorQuote",
    "Post",
    "PostTranslation",
    "Nomination",
    "Score",
    "ScoreChange",
    "ScoreComment",
    "Thread",
]
