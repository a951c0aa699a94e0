"""Catalogue domain: modules, versions, runs, competences, qualifications, search, XML."""
