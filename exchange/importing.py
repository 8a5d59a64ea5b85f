"""The import: one edition file merged into the database, one method per section.

Merging never loses data: records are found by their natural keys; a field absent
from a record leaves the stored value; only an explicit null clears it; records and
list entries missing from the file are left alone; an object is saved only when a
value really changes, so importing the same file twice writes nothing (no history
rows). The merge runs in one transaction that any error rolls back, so a bad file
leaves the database as it was. A published edition's own record and its awards change
only when the caller allows it (`allow_published_changes`, `--allow-published-changes`).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from jury.models import Conflict, Criterion, Juror, JurorQuote, Nomination, Score, ScoreComment
from otwarte import accounts
from otwarte.roles import Role
from practices import services as practice_services
from practices.models import (
    Assignment,
    Award,
    Category,
    City,
    Edition,
    Panelist,
    Practice,
    PracticeProposal,
    SimilarAction,
)
from practices.phases import Action, allows, is_in
from reports.models import FollowUp, ProposedNomination, Report, ReportPractice

from .reading import EditionImportError, _at, _label, validate
from .records import _assignment_order, _datetime_value, _Records, _validation_text


class _Importer(_Records):
    """The sections of the file, in order; `run()` returns the `Summary`."""

    def run(self):
        data = self.data
        for index, row in enumerate(data.get("cities", [])):
            self.import_city(_label("cities", index, row), row)
        for index, row in enumerate(data.get("categories", [])):
            self.import_category(_label("categories", index, row), row)
        self.import_edition(data["edition"])
        for index, row in enumerate(data.get("criteria", [])):
            self.import_criterion(_label("criteria", index, row), row)
        for index, row in enumerate(data.get("experts", [])):
            self.import_expert(_label("experts", index, row), row)
        for index, row in enumerate(data.get("jurors", [])):
            self.import_juror(_label("jurors", index, row), row)
        for index, row in enumerate(data.get("practices", [])):
            self.import_practice(_label("practices", index, row), row)
        for index, row in enumerate(data.get("reports", [])):
            self.import_report(_label("reports", index, row), row)
        for index, row in enumerate(data.get("open_call", [])):
            self.import_open_call(_label("open_call", index, row), row)
        for index, row in enumerate(data.get("nominations", [])):
            self.import_nomination(_label("nominations", index, row), row)
        self.import_awards(data.get("awards", []))
        self.move_edition()
        self.summary.year = self.edition.year
        return self.summary

    def import_city(self, where, row):
        city = City.objects.filter(slug=row["slug"]).first()
        created = city is None
        city = city or City(slug=row["slug"])
        self.begin("cities", where, created)
        self.set_translations(city, "name", row)
        self.set(city, "voivodeship", row)
        self.set(city, "teryt", row)
        self.set(city, "latitude", row, convert=Decimal, empty=None)
        self.set(city, "longitude", row, convert=Decimal, empty=None)
        self.cities[city.slug] = self.save(city, where, created=created)

    def import_category(self, where, row):
        category = Category.objects.filter(code=row["code"]).first()
        created = category is None
        category = category or Category(code=row["code"])
        self.begin("categories", where, created)
        self.set(category, "order", row)
        self.set_translations(category, "name", row)
        self.set_translations(category, "description", row)
        self.categories[category.code] = self.save(category, where, created=created)

    def import_edition(self, row):
        edition = Edition.objects.filter(year=row["year"]).first()
        created = edition is None
        self.protected = not created and allows(edition, Action.VIEW_PUBLIC)
        edition = edition or Edition(year=row["year"])
        self.edition = edition
        self.begin("edition", "edition", created)
        # The file states where the edition is. A new edition is made in it; an
        # existing one moves there at the end of the run (its awards imported),
        # through change_phase, with the effects of any move (restoring: a file
        # may skip steps of the cycle).
        if created:
            self.set(edition, "phase", row)
        elif row.get("phase") is not None and not is_in(edition, row["phase"]):
            self.phase = row["phase"]
            self.note("phase")
        for name in ("title", "introduction", "selection", "ceremony_place", "ceremony_occasion",
                     "funders"):
            self.set_translations(edition, name, row)
        for name in ("reports_deadline", "scoring_deadline", "ceremony_at", "published_at"):
            self.set(edition, name, row, convert=_datetime_value, empty=None)
        self.set(edition, "organiser", row)
        self.set(edition, "partners", row)
        if "ceremony_city" in row:
            self.set_fk(edition, "ceremony_city",
                        self.city("edition", row["ceremony_city"], "ceremony_city"), row)
        if created and not edition.title_pl:
            edition.title_pl = "Miasta Otwarte"
        self.save(edition, "edition", created=created, protected=True, deferred={"phase"})
        self.import_edition_categories(row)

    def move_edition(self):
        """The phase the file states, through the one door of phase changes."""
        if self.phase is None:
            return
        try:
            self.edition = practice_services.change_phase(
                edition=self.edition, phase=self.phase, restoring=True,
                reason=_("Phase set by an edition file import."),
            )
        except ValidationError as error:
            raise EditionImportError(f"edition: {_validation_text(error)}") from error

    def import_edition_categories(self, row):
        """The edition's categories: the file's list (or what the edition has), plus
        every category the file's rows name: an import restores a state, and a row
        in a category foreign to its edition would be refused."""
        listed = row.get("categories")
        if listed is None:
            codes = set(self.edition.categories.values_list("code", flat=True))
        else:
            codes = set(listed)
        codes |= _categories_named(self.data)
        wanted = [self.category("edition", code, "categories") for code in sorted(codes)]
        if {c.pk for c in wanted} == set(self.edition.categories.values_list("pk", flat=True)):
            return
        self.note("categories")
        self.save(self.edition, "edition", created=False, protected=True)
        try:
            practice_services.set_edition_categories(edition=self.edition, categories=wanted)
        except ValidationError as error:
            raise EditionImportError(f"edition: {_validation_text(error)}") from error

    def import_criterion(self, where, row):
        criterion = Criterion.objects.filter(edition=self.edition, code=row["code"]).first()
        created = criterion is None
        criterion = criterion or Criterion(edition=self.edition, code=row["code"])
        self.begin("criteria", where, created)
        for name in ("order", "scale_min", "scale_max", "required"):
            self.set(criterion, name, row)
        self.set(criterion, "weight", row, convert=Decimal)
        self.set_translations(criterion, "name", row)
        self.set_translations(criterion, "description", row)
        self.set_translations(criterion, "scale_labels", row, join_lines=True)
        self.criteria[criterion.code] = self.save(criterion, where, created=created)

    def account(self, where, row, role):
        """The person's account, by `otwarte.accounts.account_for_import`: found by username
        (else by e-mail) and only given the role, or created without a password. A row
        naming a privileged account, or one that would change an existing account, is
        refused and the whole file with it."""
        try:
            return accounts.account_for_import(
                username=row["username"], role=role, email=row.get("email"),
                first_name=row.get("first_name"), last_name=row.get("last_name"),
            )
        except ValidationError as error:
            raise EditionImportError(f"{where}: {_validation_text(error)}") from error

    def import_expert(self, where, row):
        user, created, changed = self.account(where, row, Role.EXPERT)
        self.begin("experts", where, created)
        for name in changed:
            self.note(name)
        seat = Panelist.objects.filter(edition=self.edition, expert=user).first()
        assigned = list(
            Assignment.objects.filter(edition=self.edition, expert=user).select_related("city")
        )
        wants_seat = (
            "order" in row or "group" in row or (not assigned and not row.get("cities"))
        )
        if seat is not None or wants_seat:
            seat_created = seat is None
            seat = seat or Panelist(edition=self.edition, expert=user)
            mark = self.child(where, "order", False)
            self.set(seat, "order", row)
            self.set_translations(seat, "group", row)
            if seat_created and "panel" not in self.entry.fields:
                self.note("panel")
            self.save(seat, where, created=seat_created, before=mark)
        if "cities" in row:
            by_slug = {a.city.slug: a for a in assigned}
            for slug in row["cities"]:
                if slug not in by_slug:
                    assignment = Assignment(
                        edition=self.edition, expert=user, city=self.city(where, slug, "cities")
                    )
                    assignment.order = len(by_slug)
                    by_slug[slug] = self.save(assignment, where, created=True)
                    self.note(f"cities +{slug}")
            current = [a.city.slug for a in sorted(by_slug.values(), key=_assignment_order)]
            listed = [s for s in current if s in row["cities"]]
            if listed != row["cities"]:
                # The file's order of its cities; cities it does not list keep theirs.
                for position, slug in enumerate(row["cities"]):
                    Assignment.objects.filter(pk=by_slug[slug].pk).update(order=position)
                self.note("cities (order)")

    def import_juror(self, where, row):
        juror = Juror.objects.filter(slug=row["slug"]).first()
        created = juror is None
        juror = juror or Juror(slug=row["slug"])
        self.begin("jurors", where, created)
        self.set(juror, "name", row)
        self.set_translations(juror, "country_of_origin", row)
        if "city" in row:
            self.set_fk(juror, "city", self.city(where, row["city"]), row)
        self.set(juror, "preferred_language", row)
        if "account" in row:
            user = None
            if row["account"] is not None:
                user, _created, changed = self.account(f"{where}.account", row["account"],
                                                      Role.JUROR)
                for name in changed:
                    self.note(f"account.{name}")
            self.keep_jurors_account(where, juror, user)
            self.set_fk(juror, "user", user, row, name="account")
        self.jurors[juror.slug] = self.save(juror, where, created=created)
        if not juror.editions.filter(pk=self.edition.pk).exists():
            juror.editions.add(self.edition)
            self.note("editions")

    def keep_jurors_account(self, where, juror, user):
        """A juror linked to an account keeps it: a file that would move the seat to
        another account, or unlink it, is a takeover and refused. A juror without an
        account may be linked to one (new or found)."""
        if juror.user_id is None or (user is not None and user.pk == juror.user_id):
            return
        raise EditionImportError(
            _(
                "%(where)s: juror “%(slug)s” is linked to the account “%(username)s”; an "
                "edition file never moves a juror to another account or unlinks it."
            )
            % {"where": _at(where, "account"), "slug": juror.slug,
               "username": juror.user.get_username()}
        )

    def import_practice(self, where, row):
        city = self.city(where, row["city"])
        practice = Practice.objects.filter(city=city, slug=row["slug"]).first()
        created = practice is None
        practice = practice or Practice(city=city, slug=row["slug"])
        self.begin("practices", where, created)
        self.set_translations(practice, "title", row)
        self.set_translations(practice, "description", row)
        for name in ("initiator", "website", "follow_up_status"):
            self.set(practice, name, row)
        for name in ("start_year", "follow_up_year"):
            self.set(practice, name, row, empty=None)
        self.save(practice, where, created=created)
        if "categories" in row:
            wanted = [self.category(where, code, "categories") for code in row["categories"]]
            current = set() if created else set(practice.categories.values_list("pk", flat=True))
            if current != {c.pk for c in wanted}:
                practice.categories.set(wanted)
                if not created:
                    self.note("categories")
        self.practices[(row["city"], row["slug"])] = practice

    def import_report(self, where, row):
        city = self.city(where, row["city"])
        report = Report.objects.filter(edition=self.edition, city=city).first()
        created = report is None
        report = report or Report(edition=self.edition, city=city)
        self.begin("reports", where, created)
        self.set(report, "status", row)
        self.set_translations(report, "overview", row)
        self.set(report, "review_comment", row)
        self.set(report, "submitted_at", row, convert=_datetime_value, empty=None)
        self.set(report, "accepted_at", row, convert=_datetime_value, empty=None)
        self.save(report, where, created=created)
        parts = (
            ("practices", "report_practice", ReportPractice),
            ("follow_ups", "follow_up", FollowUp),
            ("proposals", "proposal", ProposedNomination),
        )
        for name, kind, model in parts:
            for index, part in enumerate(row.get(name, [])):
                part_where = f"{where}.{_label(kind, index, part, prefix=name)}"
                practice = self.practice(part_where, row["city"], part["practice"])
                lookup = {"report": report, "practice": practice}
                if kind == "proposal":
                    lookup["category"] = self.category(part_where, part["category"])
                obj = None if created else model.objects.filter(**lookup).first()
                part_created = obj is None
                obj = obj or model(**lookup)
                mark = self.child(part_where, f"{name}[{index}]", part_created)
                if kind == "report_practice":
                    if "category" in part:
                        self.set_fk(obj, "category",
                                    self.category(part_where, part["category"]), part)
                    for text in ("engagement", "durability", "comprehensiveness",
                                 "effectiveness"):
                        self.set_translations(obj, text, part)
                elif kind == "follow_up":
                    for text in ("status", "note", "evidence_url"):
                        self.set(obj, text, part)
                else:
                    self.set_translations(obj, "justification", part)
                self.save(obj, part_where, created=part_created, before=mark)

    def import_open_call(self, where, row):
        submitted_at = _datetime_value(row["submitted_at"])
        proposal = PracticeProposal.objects.filter(
            submitted_at=submitted_at, contact_email=row["contact_email"]
        ).first()
        created = proposal is None
        proposal = proposal or PracticeProposal(contact_email=row["contact_email"])
        self.begin("open_call", where, created)
        if "city" in row:
            self.set_fk(proposal, "city", self.city(where, row["city"]), row)
        if "category" in row:
            self.set_fk(proposal, "category", self.category(where, row["category"]), row)
        for name in ("city_name", "title", "description", "proposer", "status", "moderator_note"):
            self.set(proposal, name, row)
        self.set(proposal, "decided_at", row, convert=_datetime_value, empty=None)
        if "practice" in row:
            city_slug = row.get("city") or (proposal.city.slug if proposal.city_id else None)
            practice = (
                self.practice(where, city_slug, row["practice"]) if row["practice"] else None
            )
            self.set_fk(proposal, "practice", practice, row)
        self.save(proposal, where, created=created)
        if created:  # submitted_at is set on creation (auto_now_add): restore the file's
            PracticeProposal.objects.filter(pk=proposal.pk).update(submitted_at=submitted_at)

    def import_nomination(self, where, row):
        practice = self.practice(where, row["city"], row["practice"])
        category = self.category(where, row["category"])
        lookup = {"edition": self.edition, "practice": practice, "category": category}
        nomination = Nomination.objects.filter(**lookup).first()
        created = nomination is None
        nomination = nomination or Nomination(**lookup)
        self.begin("nominations", where, created)
        # An import restores a state: the phase rule of jury.services.nominations.create_nomination
        # ("no new nominations after scoring") does not apply.
        self.set_translations(nomination, "justification", row)
        self.save(nomination, where, created=created)
        for index, part in enumerate(row.get("conflicts", [])):
            part_where = f"{where}.{_label('conflict', index, part, prefix='conflicts')}"
            juror = self.juror(part_where, part["juror"])
            obj = Conflict.objects.filter(nomination=nomination, juror=juror).first()
            part_created = obj is None
            obj = obj or Conflict(nomination=nomination, juror=juror)
            mark = self.child(part_where, f"conflicts[{index}]", part_created)
            self.set(obj, "reason", part)
            self.save(obj, part_where, created=part_created, before=mark)
        for index, part in enumerate(row.get("scores", [])):
            part_where = f"{where}.{_label('score', index, part, prefix='scores')}"
            juror = self.juror(part_where, part["juror"])
            criterion = self.criterion(part_where, part["criterion"])
            obj = Score.objects.filter(
                nomination=nomination, juror=juror, criterion=criterion
            ).first()
            part_created = obj is None
            obj = obj or Score(nomination=nomination, juror=juror, criterion=criterion)
            mark = self.child(part_where, f"scores[{index}]", part_created)
            self.set(obj, "value", part)
            self.save(obj, part_where, created=part_created, before=mark)
        for index, part in enumerate(row.get("comments", [])):
            part_where = f"{where}.{_label('comment', index, part, prefix='comments')}"
            juror = self.juror(part_where, part["juror"])
            obj = ScoreComment.objects.filter(nomination=nomination, juror=juror).first()
            part_created = obj is None
            obj = obj or ScoreComment(nomination=nomination, juror=juror)
            mark = self.child(part_where, f"comments[{index}]", part_created)
            self.set(obj, "text", part)
            self.save(obj, part_where, created=part_created, before=mark)

    def import_awards(self, rows):
        found = []
        for index, row in enumerate(rows):
            where = _label("awards", index, row)
            practice = self.practice(where, row["city"], row["practice"])
            category = self.category(where, row["category"])
            award = Award.objects.filter(
                edition=self.edition, category=category, practice=practice
            ).first()
            found.append((where, row, practice, category, award))
        # Orders may be swapped by the file: move the awards whose order changes out
        # of the way first, so the unique (edition, order) constraint holds throughout.
        moving = [
            a.pk for _w, row, _p, _c, a in found if a and "order" in row and a.order != row["order"]
        ]
        if moving and not (self.protected and not self.allow_published_changes):
            Award.objects.filter(pk__in=moving).update(order=10000 + F("order"))
        for where, row, practice, category, award in found:
            created = award is None
            if award is None:
                award = Award(edition=self.edition, category=category, practice=practice)
            self.begin("awards", where, created)
            if created and "order" not in row:
                raise EditionImportError(_("%(where)s: “order” is missing.") % {"where": where})
            self.set(award, "order", row)
            self.set_translations(award, "recommendation", row)
            self.save(award, where, created=created, protected=True)
            for index, part in enumerate(row.get("similar_actions", [])):
                part_where = f"{where}.{_label('similar_action', index, part, 'similar_actions')}"
                obj = None if created else SimilarAction.objects.filter(
                    award=award, order=part["order"]
                ).first()
                part_created = obj is None
                obj = obj or SimilarAction(award=award, order=part["order"])
                mark = self.child(part_where, f"similar_actions[{index}]", part_created)
                city_slug = part.get("city") or (obj.city.slug if obj.city_id else None)
                if "city" in part:
                    self.set_fk(obj, "city", self.city(part_where, part["city"]), part)
                if "practice" in part:
                    target = self.practice(part_where, city_slug, part["practice"])
                    self.set_fk(obj, "practice", target, part)
                self.save(obj, part_where, created=part_created, protected=True, before=mark)
            for index, part in enumerate(row.get("quotes", [])):
                part_where = f"{where}.{_label('quote', index, part, 'quotes')}"
                obj = None if created else JurorQuote.objects.filter(
                    award=award, order=part["order"]
                ).first()
                part_created = obj is None
                obj = obj or JurorQuote(award=award, order=part["order"])
                mark = self.child(part_where, f"quotes[{index}]", part_created)
                if "juror" in part:
                    self.set_fk(obj, "juror", self.juror(part_where, part["juror"]), part)
                self.set_translations(obj, "text", part)
                self.save(obj, part_where, created=part_created, protected=True, before=mark)


def _categories_named(data):
    """The category codes the file's rows use (nominations, awards, reports, open call)."""
    rows = [*data.get("nominations", []), *data.get("awards", []), *data.get("open_call", [])]
    for report in data.get("reports", []):
        rows += [*report.get("practices", []), *report.get("proposals", [])]
    return {row["category"] for row in rows if row.get("category")}


def import_edition(*, data, dry_run=False, allow_published_changes=False):
    """Merge the file (parsed JSON) into the database; return a `Summary` of what was
    created, changed and left alone. Raises EditionImportError, naming the record, and
    writes nothing when the file is invalid. `dry_run`: compute the summary, write nothing.
    """
    data = validate(data)
    importer = _Importer(data, allow_published_changes=allow_published_changes)
    try:
        with transaction.atomic():
            summary = importer.run()
            if dry_run:
                transaction.set_rollback(True)
    except DatabaseError as error:
        raise EditionImportError(
            _("The database refused the file: %(error)s") % {"error": error}
        ) from error
    summary.written = not dry_run and summary.changes_anything
    return summary
