"""The jury's rules as plain keyword-only functions, called by views, the admin,
management commands and tests alike:

- `nominations`: create, import, and nominate from accepted expert reports;
- `scoring`: scores, comments, conflicts of interest, a juror's progress;
- `tally`: the weighted means and ranking per category;
- `robustness`: leave-one-juror-out, margin, z-score ranking (docs/tally.md);
- `criteria`: an edition's criteria copied from the previous one;
- `decisions`: deciding, editing, withdrawing awards and publishing.
"""

from .criteria import copy_criteria  # noqa: F401
from .decisions import (  # noqa: F401
    decide_award,
    publish_edition,
    update_award,
    withdraw_award,
)
from .nominations import (  # noqa: F401
    NominationCounts,
    create_nomination,
    expert_notes,
    justification_columns,
    import_nominations,
    nominate_from_reports,
    nominations_to_create,
)
from .onboarding import imported_jurors, invite_juror  # noqa: F401
from .scoring import (  # noqa: F401
    Progress,
    ScoringClosed,
    check_conflict,
    declare_conflict,
    juror_overview,
    next_to_score,
    submit_scores,
)
from .robustness import robustness  # noqa: F401
from .tally import (  # noqa: F401
    CategoryTally,
    CriterionStats,
    TallyRow,
    tally,
    comments_by_nomination,
    tally_table,
)
