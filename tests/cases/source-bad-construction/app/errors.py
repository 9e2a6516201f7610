from shop_errors import Problem, lookup
from shop_errors.auth import TokenExpired
from shop_errors.limits import RateLimited
from shop_errors.orders import OrderNotFound
from shop_errors.payments import CardDeclined
from shop_errors.requests import InvalidBody


def declined() -> None:
    raise CardDeclined()


def declined_positional() -> None:
    raise CardDeclined("insufficient_funds")


def declined_json_name() -> None:
    raise CardDeclined(declineCode="insufficient_funds")


def declined_typo() -> None:
    raise CardDeclined(decline_code="insufficient_funds", retryabel=True)


def declined_types() -> None:
    raise CardDeclined(decline_code=402, retryable="no")


def limited() -> None:
    raise RateLimited(retry_after="30")


def limited_bool() -> None:
    raise RateLimited(retry_after=True, limit=-5)


def limited_float() -> None:
    raise RateLimited(retry_after=1.5, limit=None)


def invalid() -> None:
    raise InvalidBody(errors=("quantity",), request=[])


def invalid_none() -> None:
    raise InvalidBody(errors=None)


def invalid_bare() -> None:
    raise InvalidBody


def expired() -> None:
    raise TokenExpired()


def expired_with_detail() -> None:
    raise TokenExpired(detail="The token expired.")


def not_found(**members: str) -> None:
    raise OrderNotFound(**members)


def not_found_by_lookup() -> None:
    raise lookup("orders/order_not_found")(orderId="ord_1")


def not_found_detail() -> None:
    raise OrderNotFound(order_id="ord_1", detail=404)


def generic() -> None:
    raise Problem("boom")


class AppDeclined(CardDeclined):
    def __init__(self, reason: str) -> None:
        super().__init__(decline_code=reason)


def app_declined() -> None:
    raise AppDeclined("expired_card")  # its own signature: not checked
