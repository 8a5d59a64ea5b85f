"""Background work of the project layer (Django's tasks framework; `manage.py db_worker`)."""

from django.tasks import task


@task
def deliver_message(message_id):
    """Send one queued e-mail (otwarte.mail.deliver); its outcome is on the SentMessage."""
    from .mail import deliver

    return deliver(message_id=message_id)
