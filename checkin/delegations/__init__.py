"""Delegations: the people who travel together (a chaperone and their young people, a country's
team), seen and checked in as one group at the desk. Each member still goes through the desk's own
check-in, so every individual rule holds; this package only gathers, orders and reports.

Never imports door, stations or anything of the window.
"""
