"""Forum Check-in's PySide6 views. Views and view-models only: every rule lives in `checkin`."""
