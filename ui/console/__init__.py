"""The organiser console: one module per page, each a view-model (state, one render) and a view."""
