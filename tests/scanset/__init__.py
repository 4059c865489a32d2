"""Scanned-ballot test sets (issue 18): the app's own printed ballots, marked and scanned by a generator."""
