"""Catalogue domain: providers' modules, versions, runs, competences, qualifications, search, XML."""
