"""Wire and document types (msgspec Structs). Imports nothing of ours."""
