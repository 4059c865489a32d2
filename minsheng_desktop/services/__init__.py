"""Use cases. Each public method is one unit of work and returns plain data, never live ORM rows. No Qt."""
