"""Badges: the data a badge shows, the PDF renderer (shaped text in every script, the QR), the
formats, batch sorting, invitations, printing through CUPS and reprints.

Never imports door or stations.
"""
