from checkin.store import audit
from checkin.store.audit import verify
from checkin.store.models import AuditEntry, AuditHead


def fill(n=5):
    for i in range(n):
        audit.record("scan", station="Desk 1", staff="Dara", subject=f"M-{i:03}", detail={"outcome": "checked_in"})


def test_chain_verifies(db):
    fill()
    report = verify()
    assert (report.entries, report.ok, report.first_bad) == (5, True, None)


def test_edited_row_is_found(db):
    fill()
    AuditEntry.update(subject="M-999").where(AuditEntry.seq == 3).execute()
    assert verify().as_json() == {"entries": 3, "ok": False, "first_bad": 3}


def test_edited_detail_is_found(db):
    fill()
    AuditEntry.update(detail='{"outcome":"refused"}').where(AuditEntry.seq == 2).execute()
    assert verify().first_bad == 2


def test_deleted_middle_row_is_found(db):
    fill()
    AuditEntry.delete().where(AuditEntry.seq == 2).execute()
    assert verify().ok is False


def test_deleted_last_row_is_found(db):
    fill()
    AuditEntry.delete().where(AuditEntry.seq == 5).execute()
    report = verify()
    assert report.ok is False and report.first_bad == 5


def test_rehashed_row_still_breaks_the_next_link(db):
    """An editor who recomputes one row's hash still breaks the following row's prev_hash."""
    from checkin.store.audit import _digest

    fill()
    row = AuditEntry.get(AuditEntry.seq == 2)
    forged = _digest(row.prev_hash, row.seq, row.at, row.event_code, row.station, row.staff, row.kind, "M-777", row.detail)
    AuditEntry.update(subject="M-777", hash=forged).where(AuditEntry.seq == 2).execute()
    assert verify().first_bad == 3


def test_tip_tracks_the_chain(db):
    fill(3)
    head = AuditHead.get_by_id(1)
    last = AuditEntry.get(AuditEntry.seq == 3)
    assert (head.seq, head.hash) == (3, last.hash)
