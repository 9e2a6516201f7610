"""``projects.*``, ``apps.*``, ``environments.*``, ``deployments.*`` and gateway policies."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel

from unkey_errors.unkey import application, data

from .. import deployments
from ..auth import Caller, authorize
from ..responses import ok
from ..store import STORE, App

router = APIRouter()


class ProjectRequest(BaseModel):
    slug: str


class AppRequest(BaseModel):
    project: str
    app: str


class EnvironmentRequest(BaseModel):
    project: str
    app: str
    environment: str


class DeployRequest(EnvironmentRequest):
    settings: dict[str, int] = {}


class DeploymentRequest(BaseModel):
    deploymentId: str


class PolicyRequest(BaseModel):
    policyId: str
    keySpaceId: str | None = None


def find_app(project: str, slug: str) -> App:
    if project not in STORE.projects:
        raise data.ProjectNotFound(project=project)
    app = next((a for a in STORE.apps.values() if a.project == project and a.slug == slug), None)
    if app is None:
        raise data.AppNotFound(app=slug, project=project)
    return app


@router.post("/projects.createProject")
def create_project(body: ProjectRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.create_project")
    if body.slug in STORE.projects:
        raise data.ProjectAlreadyExists(slug=body.slug)
    STORE.projects.add(body.slug)
    return ok(request, {"projectId": f"proj_{body.slug}"})


@router.post("/apps.createApp")
def create_app(body: AppRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.create_app")
    if body.project not in STORE.projects:
        raise data.ProjectNotFound(project=body.project)
    if any(a.project == body.project and a.slug == body.app for a in STORE.apps.values()):
        raise data.AppAlreadyExists(slug=body.app)
    STORE.apps[f"app_{body.app}"] = App(f"app_{body.app}", body.app, body.project)
    return ok(request, {"appId": f"app_{body.app}"})


@router.post("/apps.deleteApp")
def delete_app(body: AppRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.delete_app")
    app = find_app(body.project, body.app)
    if app.delete_protection:
        raise application.ProtectedResource(resource_type="app", resource_id=app.id)
    del STORE.apps[app.id]
    return ok(request)


@router.post("/deployments.createDeployment")
def create_deployment(body: DeployRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.create_deployment")
    app = find_app(body.project, body.app)
    if body.environment not in app.environments:
        raise data.EnvironmentNotFound(environment=body.environment, app=body.app)
    deployments.check_settings(body.environment, body.settings)
    return ok(request, {"deploymentId": f"dep_{len(STORE.deployments) + 1}"})


@router.post("/deployments.promote")
def promote(body: DeploymentRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.promote")
    return ok(request, {"appId": deployments.switch_traffic(body.deploymentId).id})


@router.post("/deployments.rollback")
def rollback(body: DeploymentRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.rollback")
    return ok(request, {"appId": deployments.switch_traffic(body.deploymentId).id})


@router.post("/deployments.stopDeployment")
def stop_deployment(body: DeploymentRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.stop_deployment")
    deployments.stop(body.deploymentId)
    return ok(request)


@router.post("/deployments.startDeployment")
def start_deployment(body: DeploymentRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.start_deployment")
    deployments.start(body.deploymentId)
    return ok(request)


@router.post("/policies.setKeyAuth")
def set_key_auth(body: PolicyRequest, request: Request, key: Caller) -> Any:
    authorize(key, "project.*.update_policy")
    if body.policyId not in STORE.policies:
        raise data.PolicyNotFound(policy_id=body.policyId)
    if body.keySpaceId is not None and body.keySpaceId not in STORE.keyspaces:
        raise data.KeySpaceNotFound(key_space_id=body.keySpaceId)
    return ok(request)
