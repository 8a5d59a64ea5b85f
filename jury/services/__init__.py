"""The jury's rules as plain keyword-only functions, called by views, the admin,
management commands and tests alike:

- `nominations`: create, import, and nominate from accepted expert reports;
- `scoring`: scores, comments, conflicts of interest, a juror's progress;
- `tally`: the weighted means and ranking per category;
- `decisions`: deciding awards and publishing.
"""

from .decisions import (  # noqa: F401
    decide_award,
    publish_edition,
)
from .nominations import (  # noqa: F401
    NominationCounts,
    create_nomination,
    import_nominations,
    nominate_from_reports,
    nominations_to_create,
)
from .scoring import (  # noqa: F401
    Progress,
    ScoringClosed,
    check_conflict,
    declare_conflict,
    juror_overview,
    next_to_score,
    submit_scores,
)
from .tally import (  # noqa: F401
    CategoryTally,
    CriterionStats,
    TallyRow,
    tally,
    tally_table,
)
