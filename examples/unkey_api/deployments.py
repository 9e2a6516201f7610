"""What a deployment may do next: promote, roll back, stop and start, as Unkey Deploy allows."""

from __future__ import annotations

from unkey_errors.unkey import application, data

from .store import STORE, App, Deployment

#: Settings a deployment's environment must have within range.
LIMITS = {"port": (1, 65535), "cpu": (1, 16), "memoryMb": (128, 32768)}


def find_deployment(deployment_id: str) -> Deployment:
    deployment = STORE.deployments.get(deployment_id)
    if deployment is None:
        raise data.DeploymentNotFound(deployment_id=deployment_id)
    return deployment


def switch_traffic(deployment_id: str) -> App:
    """Promote or roll back: make the deployment its app's current one."""
    deployment = find_deployment(deployment_id)
    app = STORE.apps[deployment.app_id]
    if deployment.environment != "production":
        raise application.DeploymentNotProduction(deployment_id=deployment.id)
    if deployment.state != "ready":
        raise application.DeploymentNotReady(deployment_id=deployment.id)
    if app.current is None:
        raise application.DeploymentNoCurrent(app_id=app.id, deployment_id=deployment.id)
    if app.current == deployment.id:
        raise application.DeploymentIsCurrent(deployment_id=deployment.id)
    app.current = deployment.id
    return app


def stop(deployment_id: str) -> None:
    deployment = find_deployment(deployment_id)
    if deployment.environment == "production":
        raise application.DeploymentIsProduction(deployment_id=deployment.id)
    if deployment.state == "stopping":
        raise application.DeploymentIsStopping(deployment_id=deployment.id)
    if deployment.state != "ready":
        raise application.DeploymentNotRunning(deployment_id=deployment.id)
    deployment.state = "stopping"


def start(deployment_id: str) -> None:
    deployment = find_deployment(deployment_id)
    if deployment.environment == "production":
        raise application.DeploymentIsProduction(deployment_id=deployment.id)
    if deployment.state != "stopped":
        raise application.DeploymentNotStopped(deployment_id=deployment.id)
    deployment.state = "ready"


def check_settings(environment: str, settings: dict[str, int]) -> None:
    """Refuse a deployment whose environment settings would make it fail."""
    problems = [
        f"{name} must be between {low} and {high}, got {settings[name]}"
        for name, (low, high) in LIMITS.items()
        if name in settings and not low <= settings[name] <= high
    ]
    if problems:
        raise application.InvalidEnvironmentSettings(environment=environment, problems=problems)
