"""Pure XML formats of the catalogue: the hardened parser, ELM LOQ and EDU-DEX."""
