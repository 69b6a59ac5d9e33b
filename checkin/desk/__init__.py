"""The registration desk: badge codes (signed tokens), who a scan identifies, the check-in rules
(safeguarding, young people, duplicates), walk-ins, and the small decisions the desk card shows.

Never imports door, stations or anything of the window.
"""
