from shop_errors.orders import OrderMissing


def old() -> None:
    raise OrderMissing()
