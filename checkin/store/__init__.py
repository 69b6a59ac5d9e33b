"""The database: opening it (SQLite file or PostgreSQL server), the models, the schema and its
migrations, and the hash-chained audit log every change goes through.

Imports nothing of the rest of the core but errors and time: every other package builds on this one.
"""
