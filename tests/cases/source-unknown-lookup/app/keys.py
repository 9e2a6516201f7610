import shop_errors as errors
from shop_errors import lookup


def by_code() -> type:
    return lookup("orders/order_not_fuond")


def by_uri() -> type:
    return errors.lookup("https://shop.example.com/errors/order/order_not_found")


def by_urn() -> type:
    return lookup("err:orders:order_not_found")


def by_value(name: str) -> type:
    return lookup(name)  # not a literal: not checked


def by_alias() -> type:
    return lookup("https://shop.example.com/errors/orders/no_such_order")


def raising() -> None:
    raise lookup("orders/order_not_found")(order_id="ord_1")
