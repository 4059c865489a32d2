"""Plain-Python rules of the domain. No PySide6, no SQLAlchemy: every surface calls these."""
