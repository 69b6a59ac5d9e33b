"""Safeguarding after the desk: where a young person is now (from the door scans), and the focal
point's list of every young person present, flagging one who left a room and entered no other.

Reads check-ins and door scans; writes only the audit entry that says who asked. Never imports
desk rules, stations or anything of the window.
"""
