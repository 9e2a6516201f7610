import pytest

from app.views import pay, show
from shop_errors.orders import OrderNotFound


def test_show_an_unknown_order() -> None:
    with pytest.raises(OrderNotFound):
        show("ord_nope")


def test_pay_with_a_declined_card() -> None:
    with pytest.raises(Exception) as caught:
        pay()
    assert caught.value.type == "https://shop.example.com/errors/payments/card_declined"
