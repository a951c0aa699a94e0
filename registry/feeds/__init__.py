"""EDU-DEX directory feeds: the operator's API to register them, and the job that reads each
feed on a schedule (`registry.feeds.jobs`). What a read does is the catalogue's
(`catalogue.public.read_feed`)."""
