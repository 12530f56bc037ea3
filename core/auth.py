"""The shared-secret checks: a bearer token (the action server, the REST channel) and a platform's secret."""

import hmac
from typing import Optional, Text


def same_secret(given: Optional[Text], expected: Optional[Text]) -> bool:
    """Constant-time comparison; no secret configured means nothing matches."""
    if not given or not expected:
        return False
    return hmac.compare_digest(given.encode(), expected.encode())


def bearer_ok(header: Optional[Text], token: Optional[Text]) -> bool:
    """Whether an Authorization header is `Bearer <token>`; no token configured means no."""
    prefix = "Bearer "
    return header is not None and header.startswith(prefix) and same_secret(header[len(prefix) :], token)
