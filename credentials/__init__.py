"""Pure credential library: keys, signing, verification, status lists, presentations."""
