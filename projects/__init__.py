"""Projects: investors, domestic and FDI project registrations, capital changes and statistics."""
