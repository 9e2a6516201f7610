from litestar import Controller, Litestar, Router, get, post, route

from shop_errors.orders import OrderNotFound
from shop_errors.payments import CardDeclined


@get("/health")
def health() -> str:
    return "ok"


class OrderController(Controller):
    path = "/orders"

    @get("/{order_id:str}")
    async def show(self, order_id: str) -> None:
        raise OrderNotFound(order_id=order_id)

    @route("/{order_id:str}", http_method=["PUT", "PATCH"])
    async def change(self, order_id: str) -> None:
        self.show_helper(order_id)

    def show_helper(self, order_id: str) -> None:
        raise OrderNotFound(order_id=order_id)


@post(["/payments", "/payments/charge"])
async def pay() -> None:
    raise CardDeclined(decline_code="insufficient_funds")


v2 = Router(path="/v2", route_handlers=[OrderController, pay])
app = Litestar(route_handlers=[health, v2])
