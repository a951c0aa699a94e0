"""Job profiles and matching a CV against one, with the route to the job (issue 15)."""
