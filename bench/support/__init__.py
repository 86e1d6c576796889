"""What several benchmarks share (not a benchmark): PostgreSQL and Django set-up, a production server, timing."""
