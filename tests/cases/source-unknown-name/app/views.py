from shop_errors import OrderNotFound
from shop_errors.orders import OrderNotFund
from shop_errors.orders import NoSuchOrder
from shop_errors.orders import OrderCancelled
from shop_errors.billing import CardDeclined
import shop_errors.order
from shop_errors import orders, payments


def show(order_id: str) -> None:
    raise orders.OrderNotFoundd(order_id=order_id)


def pay() -> None:
    raise payments.CardDeclined(decline_code="x")


def cancel() -> None:
    raise OrderCancelled()  # reported once, where it is imported


def expire() -> None:
    from shop_errors.billing import card

    raise card.CardExpired(expiry="2024-01")
