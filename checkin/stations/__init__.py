"""A station at the venue: its working context (`Station`, the facade the window and the CLI
call), its connection to a shared server, the offline copy (replica) and the queue of what it did
offline (outbox), replayed when the server returns.

The only package that knows a server can be unreachable; everything below it assumes one database.
"""
