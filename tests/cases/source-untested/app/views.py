from shop_errors.limits import RateLimited
from shop_errors.orders import OrderNotFound
from shop_errors.payments import CardDeclined


def show(order_id: str) -> None:
    raise OrderNotFound(order_id=order_id)


def pay() -> None:
    raise CardDeclined(decline_code="insufficient_funds")


def throttle() -> None:
    raise RateLimited(retry_after=30)
