"""Badges and invitations: data read once from the database, shaped text, reportlab PDFs."""
