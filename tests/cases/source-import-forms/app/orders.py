from . import errors
from .errors import OrderNotFound


def find(order_id: str) -> None:
    if order_id.startswith("gone_"):
        raise OrderNotFound(order_id=order_id)
    raise errors.Declined(decline_code="expired_card")
