"""From a registration system's export to attendees: reading CSV/XLSX tables, mapping their
headers to our columns (mapping files, presets, question wording), checking every row, matching
session choices, the import preview and the importer itself.

A spreadsheet column becomes a field here: tabular -> mapping/presets -> rows -> importer.
"""
