"""A desk that checks people in one by one and says so after each commit (the crash-safety test kills it).

Usage: python crash_child.py DB_PATH REG_ID...   prints "ACK REG_ID OUTCOME" after each scan returns.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checkin.attendees import find, token_for  # noqa: E402
from checkin.store.schema import open_database  # noqa: E402
from checkin.desk.service import scan  # noqa: E402
from checkin.events.service import get_event  # noqa: E402
from checkin.staff import authenticate  # noqa: E402


def main() -> None:
    open_database(sys.argv[1])
    event = get_event("crash-2025")
    staff = authenticate("Desk", "314159")
    # Start-up (imports, the encrypted file's key, a scrypt sign-in) takes a while on a busy
    # machine: the parent times its kill from here, mid-stream.
    sys.stdout.write("READY\n")
    sys.stdout.flush()
    for reg in sys.argv[2:]:
        outcome = scan(token_for(find(event, reg)), event=event, station="Desk 1", staff=staff,
                       confirm_safeguarding=True).outcome
        # Only after scan() returned, i.e. after the commit, does the desk tell anyone.
        sys.stdout.write(f"ACK {reg} {outcome}\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
