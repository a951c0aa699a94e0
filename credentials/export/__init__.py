"""A worker's record in forms other systems read and that outlive this registry: the offline
bundle, Data Integrity copies of credentials, CLR 2.0 and Europass EDC."""
