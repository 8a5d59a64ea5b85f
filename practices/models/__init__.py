"""Cities, categories, editions, practices and awards (wyróżnienia).

Models hold fields, constraints and querysets; the rules of the cycle live in
`practices/services.py`. Every database constraint is named
`practices_<model>_<rule>` and paired with a friendly message in `clean()` or
via `violation_error_message`, so forms and the admin say what is wrong before
the database has to.
"""

from .editions import Assignment, Edition, Panelist
from .practices import Award, Practice, SimilarAction
from .proposals import PracticeProposal
from .reference import FIRST_YEAR, LAST_YEAR, Category, City

__all__ = [
    "FIRST_YEAR",
    "LAST_YEAR",
    "Assignment",
    "Award",
    "Category",
    "City",
    "Edition",
    "Panelist",
    "Practice",
    "PracticeProposal",
    "SimilarAction",
]
