"""The example's data, in memory: workspaces, root keys and everything they own.

`seed` fills it with one workspace of each kind the routes need, so every error has a
request that triggers it; the tests use the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

DeploymentState = Literal["building", "ready", "stopping", "stopped", "failed"]


@dataclass
class Workspace:
    id: str
    disabled: bool = False
    requests_left: int = 1_000
    analytics: Literal["ready", "offline", "none"] = "ready"
    queries_left: int = 100
    retention_days: int = 30
    domain_limit: int = 1


@dataclass
class RootKey:
    token: str
    workspace_id: str
    permissions: frozenset[str] = frozenset({"*"})
    disabled: bool = False
    expired: bool = False


@dataclass
class Api:
    id: str
    keyspace_id: str
    delete_protection: bool = False
    encrypted: bool = False


@dataclass
class Key:
    id: str
    api_id: str
    secret: str
    recoverable: bool = False


@dataclass
class Deployment:
    id: str
    app_id: str
    environment: str
    state: DeploymentState = "ready"


@dataclass
class App:
    id: str
    slug: str
    project: str
    environments: set[str] = field(default_factory=lambda: {"production", "preview"})
    current: str | None = None
    delete_protection: bool = False


@dataclass
class Store:
    workspaces: dict[str, Workspace] = field(default_factory=dict)
    root_keys: dict[str, RootKey] = field(default_factory=dict)
    apis: dict[str, Api] = field(default_factory=dict)
    keyspaces: set[str] = field(default_factory=set)
    keys: dict[str, Key] = field(default_factory=dict)
    migrations: set[str] = field(default_factory=set)
    identities: set[str] = field(default_factory=set)
    permissions: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    namespaces: dict[str, bool] = field(default_factory=dict)  # name -> deleted
    overrides: set[tuple[str, str]] = field(default_factory=set)
    projects: set[str] = field(default_factory=set)
    apps: dict[str, App] = field(default_factory=dict)
    deployments: dict[str, Deployment] = field(default_factory=dict)
    policies: set[str] = field(default_factory=set)
    domains: dict[str, str] = field(default_factory=dict)  # domain -> workspace id
    portals: set[str] = field(default_factory=set)
    portal_sessions: set[str] = field(default_factory=set)
    audit_logs: set[str] = field(default_factory=set)
    vault_up: bool = True


def seed() -> Store:
    """A store with the data the routes and their tests rely on."""
    store = Store()
    for workspace in (
        Workspace("ws_main", domain_limit=2),
        Workspace("ws_off", disabled=True),
        Workspace("ws_busy", requests_left=0),
        Workspace("ws_plain", analytics="none", domain_limit=0),
        Workspace("ws_flaky", analytics="offline"),
        Workspace("ws_spent", queries_left=0),
    ):
        store.workspaces[workspace.id] = workspace
    for key in (
        RootKey("unkey_root", "ws_main"),
        RootKey("unkey_reader", "ws_main", frozenset({"api.*.read_api"})),
        RootKey("unkey_disabled", "ws_main", disabled=True),
        RootKey("unkey_expired", "ws_main", expired=True),
        RootKey("unkey_orphan", "ws_gone"),
        RootKey("unkey_off", "ws_off"),
        RootKey("unkey_busy", "ws_busy"),
        RootKey("unkey_plain", "ws_plain"),
        RootKey("unkey_flaky", "ws_flaky"),
        RootKey("unkey_spent", "ws_spent"),
    ):
        store.root_keys[key.token] = key
    store.keyspaces |= {"ks_main", "ks_secure"}
    store.apis["api_main"] = Api("api_main", "ks_main", delete_protection=True)
    store.apis["api_secure"] = Api("api_secure", "ks_secure", encrypted=True)
    store.apis["api_orphan"] = Api("api_orphan", "ks_deleted")
    store.keys["key_main"] = Key("key_main", "api_main", "sk_main")
    store.keys["key_secret"] = Key("key_secret", "api_secure", "sk_secret", recoverable=True)
    store.keys["key_broken"] = Key("key_broken", "api_gone", "sk_broken")
    store.migrations.add("mig_main")
    store.identities.add("user_1")
    store.permissions.add("documents.read")
    store.roles.add("admin")
    store.namespaces.update({"email.send": False, "sms.send": True})
    store.overrides.add(("email.send", "user_1"))
    store.projects.add("shop")
    _seed_deployments(store)
    store.policies.add("pol_main")
    store.domains["shop.example.com"] = "ws_main"
    store.portals.add("portal_main")
    store.portal_sessions.add("ps_main")
    store.audit_logs.add("log_main")
    return store


def _seed_deployments(store: Store) -> None:
    store.apps["app_web"] = App("app_web", "web", "shop", current="dep_live")
    store.apps["app_new"] = App("app_new", "new", "shop")
    store.apps["app_safe"] = App("app_safe", "safe", "shop", delete_protection=True)
    for deployment in (
        Deployment("dep_live", "app_web", "production"),
        Deployment("dep_next", "app_web", "production"),
        Deployment("dep_build", "app_web", "production", "building"),
        Deployment("dep_preview", "app_web", "preview"),
        Deployment("dep_stopping", "app_web", "preview", "stopping"),
        Deployment("dep_stopped", "app_web", "preview", "stopped"),
        Deployment("dep_failed", "app_web", "preview", "failed"),
        Deployment("dep_first", "app_new", "production"),
    ):
        store.deployments[deployment.id] = deployment


STORE = seed()


def reset() -> None:
    """Put the seed data back in `STORE`, which every module shares."""
    fresh = seed()
    for name in fresh.__dataclass_fields__:
        setattr(STORE, name, getattr(fresh, name))
