from django.views.decorators.http import require_http_methods, require_POST

from shop_errors.orders import OrderNotFound
from shop_errors.payments import CardDeclined


BETA_URLS: list[object] = []


@require_POST
def pay(request) -> None:
    raise CardDeclined(decline_code="insufficient_funds")


def legacy_order(request, order_id: str) -> None:
    raise OrderNotFound(order_id=order_id)


@require_http_methods(["GET", "HEAD"])
def show(request, order_id: int) -> None:
    raise OrderNotFound(order_id=str(order_id))
