"""The organiser's back office: the live dashboard's figures, exports, and the purge after the event.

Reads everything; writes only through the purge, which the audit log records.
"""
