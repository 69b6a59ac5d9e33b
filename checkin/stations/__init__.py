"""A station at the venue: its working context (`Station`, the facade the window and the CLI
call), what each of its operations may do offline (`policy`: queued, read from the copy, or needs
the server), what each operation changed (`changes`, the notice the window refreshes from), its
connection to a shared server, the offline copy (replica), the queue of what it
did offline (outbox), replayed when the server returns, and the station's log file (`log`).

The only package that knows a server can be unreachable; everything below it assumes one database.
"""
