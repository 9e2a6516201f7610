from shop_errors.orders import OrderNotFound
from shop_errors.payments import CardDeclined


def find(order_id: str) -> None:
    raise OrderNotFound(order_id=order_id)


def pay(charge) -> bool:
    try:
        charge()
    except CardDeclined:  # catching it is not raising it
        return False
    return True
