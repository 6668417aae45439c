"""Documents in, records out: pure functions, no database."""
