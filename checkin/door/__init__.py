"""Workshop doors: who may enter which session run, the seat counter that never overbooks,
who is inside (occupancy), annulling a door scan, and the seat share a door gets offline.

Never imports desk or stations; the door reads check-ins, it does not make them.
"""
