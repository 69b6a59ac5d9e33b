"""Events: reading the TOML event file, saving an event (rooms, sessions, policy) and the demo event.

Never imports desk, door or stations: an event is data the rules read, not a rule.
"""
