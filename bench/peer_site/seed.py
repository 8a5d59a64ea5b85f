"""Seed the pretalx peer: one public event through pretalx's own domain functions.

Run by the peer's python (DJANGO_SETTINGS_MODULE=peer_site.settings, bench/ on the
path) on a freshly migrated database: `python -m peer_site.seed --talks N`. Prints one
JSON line: the URLs bench/peer.py loads and the reviewers' credentials and forms.

What it builds, mirroring Otwarte's `seed_synthetic --scale realistic` where a
counterpart exists (pretalx's own `create_test_event` command was the model):

- N confirmed talks (N = Otwarte's published awards) in a released schedule
  ("v1"), 30 minutes each, over 3 days and as many rooms as needed (14 a day each);
  a title, an abstract and a few paragraphs of Markdown description;
- SPEAKERS speakers (300, as Otwarte has cities), talk i given by speaker i mod 300,
  so a speaker has 1-2 talks as a city has 1-2 awards; each with a biography;
- REVIEWED more proposals still "submitted" (100, as Otwarte's newest edition has
  100 nominations), four score categories scored 1-5 (Otwarte: four criteria,
  1-5), a review phase open, and five reviewers in a reviewer team.
"""

import argparse
import datetime as dt
import json
import os
import random
import sys

SPEAKERS = 300
REVIEWED = 100
REVIEWERS = 5
REVIEWER_PASSWORD = "bench-reviewer-password-0123"
SLUG = "otwartecon"
ROOM_SLOTS_A_DAY = 14  # 09:00-16:00, 30 minutes each
DAYS = 3
FAST_HASHER = "django.contrib.auth.hashers.MD5PasswordHasher"

WORDS = (
    "city council library school park square transport housing budget citizens "
    "participation neighbourhood youth seniors culture water energy climate greenery "
    "cycling safety digital open data consultation volunteers heritage market river "
    "bridge playground community garden renovation accessibility"
).split()


def text(rng, sentences):
    out = []
    for _ in range(sentences):
        words = rng.choices(WORDS, k=rng.randint(8, 18))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--talks", type=int, required=True)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import transaction
    from django.test.utils import override_settings
    from django.utils.timezone import now
    from django_scopes import scope, scopes_disabled
    from pretalx.event.domain.event import create_event
    from pretalx.event.domain.organiser import create_organiser_with_team
    from pretalx.event.models import Team
    from pretalx.person.domain.user import create_user
    from pretalx.person.models import SpeakerProfile
    from pretalx.schedule.domain.release import freeze_schedule
    from pretalx.schedule.domain.slot import move_slot
    from pretalx.schedule.models import Room
    from pretalx.submission.domain.submission import create_submission
    from pretalx.submission.models import (
        ReviewScore,
        ReviewScoreCategory,
        Submission,
        SubmissionType,
    )

    rng = random.Random(2015)
    started = now()
    with transaction.atomic(), scopes_disabled():
        organiser, _team = create_organiser_with_team(
            name="Otwarte bench", slug="otwartebench", users=[]
        )
        first_day = (started - dt.timedelta(days=1)).date()
        event = create_event(
            organiser=organiser,
            locales=["en"],
            name="OtwarteCon",
            slug=SLUG,
            is_public=True,
            date_from=first_day,
            date_to=first_day + dt.timedelta(days=DAYS - 1),
            timezone="Europe/Warsaw",
            email="orga@example.org",
            locale="en",
            landing_page_text="# OtwarteCon\n\n" + text(rng, 4),
        )
    with transaction.atomic(), scope(event=event):
        talk_type = SubmissionType.objects.get(event=event)  # "Talk", the CfP default
        talk_type.default_duration = 30
        talk_type.save()
        rooms_needed = -(-args.talks // (ROOM_SLOTS_A_DAY * DAYS))
        rooms = [
            Room.objects.create(event=event, name=f"Room {i + 1}", position=i)
            for i in range(rooms_needed)
        ]
        speakers = []
        # Speakers never log in: their random passwords are hashed with MD5 here
        # rather than Argon2 (~0.2 s each on this machine). Reviewers keep Argon2.
        with override_settings(PASSWORD_HASHERS=[FAST_HASHER]):
            for i in range(SPEAKERS + REVIEWED):
                user = create_user(
                    email=f"speaker{i}@example.org", name=f"Speaker {i}", event=event
                )
                profile = SpeakerProfile.objects.get(user=user, event=event)
                profile.biography = text(rng, 5)
                profile.save()
                speakers.append(user)

        def submission(index, user):
            return create_submission(
                submission=Submission(
                    event=event,
                    title=f"Talk {index}: " + " ".join(rng.choices(WORDS, k=5)),
                    submission_type=talk_type,
                    abstract=text(rng, 2),
                    description="\n\n".join(text(rng, 4) for _ in range(4)),
                    content_locale="en",
                ),
                user=user,
                speakers=[user],
            )

        talks = []
        for i in range(args.talks):
            talk = submission(i, speakers[i % SPEAKERS])
            talk.accept()
            talk.confirm()
            talks.append(talk)
        day_start = event.datetime_from + dt.timedelta(hours=9)
        for i, talk in enumerate(talks):
            day, rest = divmod(i, ROOM_SLOTS_A_DAY * len(rooms))
            slot, room = divmod(rest, len(rooms))
            start = day_start + dt.timedelta(days=day, minutes=30 * slot)
            move_slot(talk.slots.first(), start, room=rooms[room])
        freeze_schedule(event.wip_schedule, "v1", notify_speakers=False)

        # Review: four score categories, 1-5, a phase open, five reviewers.
        ReviewScoreCategory.objects.filter(event=event).delete()
        categories = []
        for c in range(4):
            category = ReviewScoreCategory.objects.create(
                event=event, name=f"Criterion {c + 1}", required=True
            )
            for value in range(1, 6):
                ReviewScore.objects.create(category=category, value=value, label=str(value))
            categories.append(category)
        phase = event.active_review_phase
        if phase is None or not phase.can_review:
            raise SystemExit(f"no open review phase: {phase}")
        reviewed = [
            submission(args.talks + i, speakers[SPEAKERS + i]) for i in range(REVIEWED)
        ]
        team = Team.objects.create(organiser=organiser, name="Reviewers", is_reviewer=True)
        team.limit_events.add(event)
        reviewers = []
        for i in range(REVIEWERS):
            email = f"reviewer{i}@example.org"
            user = create_user(email=email, name=f"Reviewer {i}", password=REVIEWER_PASSWORD)
            team.members.add(user)
            reviewers.append({"email": email, "password": REVIEWER_PASSWORD, "pk": user.pk})

        scores = {
            f"score_{c.pk}": [s.pk for s in c.scores.order_by("value")] for c in categories
        }
        speaker_profile = SpeakerProfile.objects.get(user=speakers[0], event=event)
        plan = {
            "event": SLUG,
            "talks": len(talks),
            "speakers": SPEAKERS,
            "rooms": len(rooms),
            "pages": {
                "talk list": f"/{SLUG}/talk/",
                "talk list no-JS": f"/{SLUG}/schedule/nojs",
                "talk list data": f"/{SLUG}/schedule/widgets/schedule.json",
                "talk": str(talks[0].urls.public),
                "speaker": str(speaker_profile.urls.public),
                "api list": f"/api/events/{SLUG}/submissions/?page_size=20",
            },
            "review": {
                "login": "/orga/login/",
                "reviewers": reviewers,
                "forms": [
                    {"pk": s.pk, "url": str(s.orga_urls.reviews), "fields": scores}
                    for s in reviewed
                ],
            },
            "seed_seconds": round((now() - started).total_seconds(), 1),
        }
    print(json.dumps(plan))


if __name__ == "__main__":
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    main()
