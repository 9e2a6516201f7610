"""A small stand-in for Unkey's API v2, built on the generated ``unkey_errors`` package.

It keeps its data in memory (`store`) and serves a few routes of each area of the real API
(keys, identities, permissions, rate limits, analytics, deployments, domains, the customer
portal, audit logs) in Unkey's style: ``POST /v2/<area>.<operation>`` with a JSON body, a
root key in ``Authorization: Bearer <key>``, and every failure answered with the catalog's
problem in the wrapped envelope. ``errorbook check-source`` reads it in CI: every error the
catalog says the API raises is raised here, constructed as the catalog declares it.

Run it with ``uvicorn examples.unkey_api.app:app``; ``tests/test_unkey_api.py`` drives it.
"""
