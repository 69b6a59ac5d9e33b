"""The organiser's back office: the live dashboard's figures, exports, the end-of-day summary, the
counts that outlive the personal data, and the purge after the event.

Reads everything; writes only through the purge (and the export and report files, private), which
the audit log records. Never imports Qt.
"""
