"""The organiser console: one module per page, each a view-model (state, one render) and a view."""


def console_views(runner, station, *, queues: list[str] | None = None) -> list[tuple[str, object]]:
    """The organiser's tabs, in the order of an event's life: watch, import, print, export, staff,
    audit, purge. Each page loads its data when built; the dashboard refreshes while it is on screen."""
    from ui.console.audit import AuditView, AuditViewModel
    from ui.console.badge_preview import BadgePreviewView, BadgePreviewViewModel
    from ui.console.badges import BatchView, BatchViewModel
    from ui.console.dashboard import DashboardView, DashboardViewModel
    from ui.console.exports import ExportsView, ExportsViewModel
    from ui.console.import_wizard import ImportView, ImportViewModel
    from ui.console.purge import PurgeView, PurgeViewModel
    from ui.console.staff import StaffView, StaffViewModel

    dashboard = DashboardViewModel(runner, station)
    staff = StaffViewModel(runner, station)
    audit = AuditViewModel(runner, station)
    purge = PurgeViewModel(runner, station)
    views = [("Dashboard", DashboardView(dashboard)), ("Import", ImportView(ImportViewModel(runner, station))),
             ("Batch print", BatchView(BatchViewModel(runner, station, queues))),
             ("Badge preview", BadgePreviewView(BadgePreviewViewModel(runner, station))),
             ("Exports", ExportsView(ExportsViewModel(runner, station))), ("Staff", StaffView(staff)),
             ("Audit log", AuditView(audit)), ("Purge", PurgeView(purge))]
    staff.load()
    audit.load()
    purge.load()
    return views
