"""Who answers a survey: one mailbox, one code or one client address is one
respondent. Fingerprints are HMACs under SECRET_KEY; the address is never kept
(docs/surveys.md, "One person, one voice")."""

from django.utils.crypto import salted_hmac

from .models import Response

IDENTITY_SALT = "otwarte.surveys.identity"
SOURCE_SALT = "otwarte.surveys.source"

# Providers known to ignore dots in the local part, and their canonical domain.
DOTLESS_DOMAINS = {"gmail.com": "gmail.com", "googlemail.com": "gmail.com"}


def normalise_email(email):
    """The mailbox behind an address: lower case, no "+tag", and for Gmail no dots
    and one domain, so that aliases of one mailbox are one respondent."""
    address = (email or "").strip().lower()
    local, at, domain = address.rpartition("@")
    if not at or not local:
        return address
    local = local.split("+", 1)[0] or local
    if domain in DOTLESS_DOMAINS:
        local, domain = local.replace(".", "") or local, DOTLESS_DOMAINS[domain]
    return f"{local}@{domain}"


def legacy_email(email):
    """The address as fingerprinted before plus-tags and dots were folded (case only)."""
    return (email or "").strip().lower()


def normalise_code(text):
    return "".join(ch for ch in (text or "").upper() if ch.isalnum())


def identity_hash(*, survey, email=None, code=None, legacy=None):
    """The respondent's fingerprint in this survey: an HMAC under SECRET_KEY.

    Without the key the address cannot be recovered or tested against a list
    of addresses; rotating SECRET_KEY makes earlier respondents new people.
    """
    if email is not None:
        value = f"email:{normalise_email(email)}"
    elif legacy is not None:
        value = f"email:{legacy_email(legacy)}"
    else:
        value = f"code:{normalise_code(code)}"
    return salted_hmac(IDENTITY_SALT, f"{survey.pk}:{value}", algorithm="sha256").hexdigest()


def source_hash(*, survey, client_ip):
    """The client address's fingerprint in this survey (HMAC; the address is not kept)."""
    if not client_ip:
        return ""
    return salted_hmac(SOURCE_SALT, f"{survey.pk}:{client_ip}", algorithm="sha256").hexdigest()


def adopt_legacy_fingerprint(*, survey, email):
    """Give the person's response fingerprinted before aliases were folded the new
    fingerprint, so answering again replaces it (the addresses were never stored, so
    old fingerprints cannot be migrated in bulk; they move when their person returns)."""
    old = identity_hash(survey=survey, legacy=email)
    new = identity_hash(survey=survey, email=email)
    if old == new or Response.objects.filter(survey=survey, identity_hash=new).exists():
        return 0
    return Response.objects.filter(survey=survey, identity_hash=old).update(identity_hash=new)
