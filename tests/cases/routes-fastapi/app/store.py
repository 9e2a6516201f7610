from shop_errors.orders import OrderNotFound


class Store:
    def __init__(self) -> None:
        self.orders: dict[str, dict[str, str]] = {}

    def cancel(self, order_id: str) -> None:
        self.get(order_id)

    def get(self, order_id: str) -> dict[str, str]:
        if order_id not in self.orders:
            raise OrderNotFound(order_id=order_id)
        return self.orders[order_id]


def find_order(order_id: str) -> dict[str, str]:
    return _search(order_id, 3)


def _search(order_id: str, depth: int) -> dict[str, str]:
    if depth:
        return _search(order_id, depth - 1)  # a cycle: visited once
    raise OrderNotFound(order_id=order_id)
