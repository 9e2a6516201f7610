from flask import Blueprint

from shop_errors.limits import RateLimited
from shop_errors.orders import OrderNotFound

orders = Blueprint("orders", __name__, url_prefix="/orders")


@orders.get("/<int:order_id>")
def show(order_id: int) -> dict[str, int]:
    raise OrderNotFound(order_id=str(order_id))


@orders.route("/<int:order_id>/refund", methods=["PUT", "PATCH"])
def refund(order_id: int) -> None:
    raise RateLimited(retry_after=60)


def search() -> list[str]:
    return []


orders.add_url_rule("/search", "search", search)
