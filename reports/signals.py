"""Keep `Practice.follow_up_status/year` in step with accepted reports
(`reports.services.refresh_follow_ups`, the one recompute)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .enums import ReportStatus
from .models import FollowUp, Report
from .services import refresh_follow_ups


@receiver(post_save, sender=FollowUp)
@receiver(post_delete, sender=FollowUp)
def follow_up_changed(sender, instance, raw=False, **kwargs):
    """An answer of an accepted report changed, or any answer went (also when its
    report is deleted: the follow-ups are deleted one by one first)."""
    if raw:  # fixtures: their practices carry the value already
        return
    report = Report.objects.filter(pk=instance.report_id).values_list("status", flat=True).first()
    if report == ReportStatus.ACCEPTED or kwargs.get("signal") is post_delete:
        refresh_follow_ups(practice_ids=[instance.practice_id])

