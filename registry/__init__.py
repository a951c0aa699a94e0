"""The service: app factory, settings, auth, CLI and the registry domain."""
