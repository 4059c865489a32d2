"""选票扫描计票: reading the app's own printed ballots from scanned pages (sources → sheet_image → scan_service)."""
