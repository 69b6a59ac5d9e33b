"""The outside services some tests need (a PostgreSQL server, a CUPS printer).

Run by hand without them, those tests skip and say how to get them. Under `.ci/run`, which starts
both and sets CHECKIN_REQUIRE_SERVICES=1, a missing service is a failure: CI never passes by
quietly skipping the multi-station or printing tests.
"""

from __future__ import annotations

import os

import pytest


def unavailable(reason: str) -> None:
    if os.environ.get("CHECKIN_REQUIRE_SERVICES") == "1":
        pytest.fail(f"CI needs this service and it is missing: {reason}", pytrace=False)
    pytest.skip(reason)
