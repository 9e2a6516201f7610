from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Depends

from ..limits import throttle
from ..store import Store, find_order

router = APIRouter(prefix="/orders")


def rate_limit(key: str = "") -> None:
    throttle(key)


@router.get("/{order_id}")
def get_order(order_id: str, _: Annotated[None, Depends(rate_limit)]) -> dict[str, str]:
    return find_order(order_id)


@router.api_route("/{order_id}/cancel", methods=["POST", "DELETE"])
def cancel_order(order_id: str, store=Depends(Store)) -> None:
    store.cancel(order_id)


def list_orders() -> list[str]:
    return []


router.add_api_route("/", list_orders, methods=["GET"])


def require(role: str) -> Callable[[], None]:
    def check() -> None:
        throttle(role)

    return check


@router.delete("/{order_id}", dependencies=[Depends(require("admin"))])
def delete_order(order_id: str, _: Annotated[None, Depends(require("owner"))]) -> None:
    return None
