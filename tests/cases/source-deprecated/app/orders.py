from shop_errors import lookup, orders
from shop_errors.orders import OrderMissing, OrderNotFound


def old() -> None:
    raise OrderMissing()


def old_by_lookup() -> None:
    raise lookup("orders/order_missing")


def old_bare() -> None:
    raise orders.OrderMissing


def catching(call) -> None:
    try:
        call()
    except OrderMissing:  # clients may still catch it: not reported
        pass


def new(order_id: str) -> None:
    raise OrderNotFound(order_id=order_id)
