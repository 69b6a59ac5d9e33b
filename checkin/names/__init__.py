"""Personal names: folding and display forms in every ASEAN script and convention, splitting a
full name into given and family names, and the name search the desk uses.

Pure text rules apart from the search index, which reads attendees; never writes.
"""
