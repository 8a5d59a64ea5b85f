"""The jury's rules as plain keyword-only functions, called by views, the admin,
management commands and tests alike, each imported from its own module
(`from jury.services.scoring import submit_scores`); this package re-exports nothing:

- `nominations`: create, import, and nominate from accepted expert reports;
- `scoring`: scores, comments, conflicts of interest, a juror's progress;
- `tally`: the weighted means and ranking per category;
- `robustness`: leave-one-juror-out, margin, z-score ranking (docs/tally.md);
- `criteria`: an edition's criteria copied from the previous one;
- `decisions`: deciding, editing, withdrawing awards and publishing;
- `onboarding`: inviting jurors, the jurors an import brought;
- `methodology`: the published account of how the jury decided;
- `city_checks`: the cities' check of their award texts.
"""
