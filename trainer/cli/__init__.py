"""Teacher and IT command line on top of core and storage. No Qt here."""
