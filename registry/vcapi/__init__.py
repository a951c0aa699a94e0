"""The W3C VC API (https://w3c-ccg.github.io/vc-api/) for conformance suites and integrators:
issue a credential with the API's own `did:key` issuer keys (never an accredited issuer's),
and verify credentials and presentations with the registry's one verification pipeline.
Served only when `REGISTRY_VC_API=on`."""
