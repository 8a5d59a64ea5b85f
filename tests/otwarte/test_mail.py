"""otwarte.mail: e-mail leaves the request (a task after the commit), is retried,
its failures reach the cockpit, and no stored copy holds a set-password token (issue 26)."""

import re
import smtplib
from unittest import mock

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core import mail as outbox
from django.db import transaction
from django.urls import reverse

from otwarte import invitations, mail
from otwarte.enums import MessageStatus
from otwarte.models import SentMessage
from otwarte.roles import Role

pytestmark = pytest.mark.django_db

REAL_AFTER_COMMIT = mail.after_commit  # before tests/conftest.py's mail_at_once replaces it
TOKEN = re.compile(r"/([0-9a-z]+-[0-9a-f]{32})/")


def _send(**extra):
    return mail.send(
        kind="scoring_opened", to="juror@example.org", language="en",
        context={"edition": None, "login_url": "/login/"}, **extra,
    )


def test_nothing_is_sent_before_the_commit(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(mail, "after_commit", REAL_AFTER_COMMIT)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        message = _send()
        assert outbox.outbox == []  # the request is not held up by the mail server
        assert message.status == MessageStatus.QUEUED
    assert len(callbacks) == 1
    assert [m.to for m in outbox.outbox] == [["juror@example.org"]]
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, 1)
    assert message.delivered_at is not None


def test_a_rolled_back_transaction_sends_nothing(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(mail, "after_commit", REAL_AFTER_COMMIT)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        try:
            with transaction.atomic():
                _send()
                raise RuntimeError("the caller fails")
        except RuntimeError:
            pass
    assert callbacks == [] and outbox.outbox == []
    assert not SentMessage.objects.exists()


def test_a_key_sends_once():
    assert _send(key="once") is not None
    assert _send(key="once") is None
    assert len(outbox.outbox) == 1


def test_failures_are_retried_then_recorded(settings):
    calls = []

    def flaky(*args, **kwargs):
        calls.append(1)
        if len(calls) < mail.MAIL_ATTEMPTS:
            raise smtplib.SMTPServerDisconnected("gone")
        return 1

    with mock.patch("otwarte.mail.send_mail", side_effect=flaky):
        message = _send()
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENT, mail.MAIL_ATTEMPTS)

    with mock.patch("otwarte.mail.send_mail", side_effect=smtplib.SMTPException("refused")):
        message = _send(key="doomed")
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.FAILED, mail.MAIL_ATTEMPTS)
    assert message.last_error == "SMTPException: refused"


def test_the_cockpit_lists_failures_and_sends_them_again(client_for, organiser):
    with mock.patch("otwarte.mail.send_mail", side_effect=OSError("connection refused")):
        message = _send(key="failed-one")
    sent = _send(key="fine")
    client = client_for(organiser)
    page = client.get(reverse("cockpit:mail_failed")).content.decode()
    assert f'data-message="{message.pk}"' in page and "connection refused" in page
    assert f'data-message="{sent.pk}"' not in page
    confirm = client.get(reverse("cockpit:mail_retry", args=[message.pk]))
    assert confirm.status_code == 200 and "juror@example.org" in confirm.content.decode()
    outbox.outbox.clear()
    response = client.post(reverse("cockpit:mail_retry", args=[message.pk]))
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT and len(outbox.outbox) == 1
    # A sent message cannot be sent again.
    assert client.post(reverse("cockpit:mail_retry", args=[sent.pk])).status_code == 404


def test_only_organisers_send_again(client_for, juror_a, expert_lublin):
    with mock.patch("otwarte.mail.send_mail", side_effect=OSError("down")):
        message = _send()
    for user in (juror_a, expert_lublin):
        assert client_for(user).post(
            reverse("cockpit:mail_retry", args=[message.pk])
        ).status_code == 403
    message.refresh_from_db()
    assert message.status == MessageStatus.FAILED


def _stored_tokens_that_work(user):
    from django_tasks_db.models import DBTaskResult

    texts = [m.body + m.subject for m in SentMessage.objects.all()]
    texts += [str(r.args_kwargs) for r in DBTaskResult.objects.all()]
    found = [t for text in texts for t in TOKEN.findall(text)]
    return [t for t in found if default_token_generator.check_token(user, t)]


def test_no_stored_copy_holds_a_working_set_password_link(client, db):
    user = invitations.invite(
        email="new.expert@example.org", role=Role.EXPERT, first_name="Ewa", last_name="Nowak",
        language="en",
    )
    (email,) = outbox.outbox
    (token,) = TOKEN.findall(email.body)
    assert default_token_generator.check_token(user, token)
    record = SentMessage.objects.get(kind="invitation")
    assert "[link removed after sending]" in record.body
    assert mail.PASSWORD_TOKEN not in record.body
    assert _stored_tokens_that_work(user) == []
    # The e-mailed link works.
    link = re.search(r"(/\S+/" + re.escape(token) + "/)", email.body).group(1)
    assert client.get(link, follow=True).status_code == 200


def test_a_queued_invitation_stores_no_token(settings):
    # With the database backend, the message waits in the task table for the worker.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    user = invitations.invite(
        email="queued@example.org", role=Role.EXPERT, first_name="Jan", last_name="Kos",
        language="en",
    )
    assert outbox.outbox == []
    record = SentMessage.objects.get(kind="invitation")
    assert record.status == MessageStatus.QUEUED and mail.PASSWORD_TOKEN in record.body
    from django_tasks_db.models import DBTaskResult

    assert DBTaskResult.objects.count() == 1
    assert _stored_tokens_that_work(user) == []
