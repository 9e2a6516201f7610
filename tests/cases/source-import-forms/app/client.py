"""Client code: parse, isinstance, except and lookup are references, not raises."""
from shop_errors import Problem, lookup, parse
from shop_errors.orders import OrderNotFound as ONF


def order_of(body: bytes) -> str | None:
    try:
        problem = parse(body)
    except ValueError:
        return None
    if isinstance(problem, (ONF, lookup("https://shop.example.com/errors/orders/no_such_order"))):
        return problem.order_id
    return None


def fetch(call) -> Problem | None:
    try:
        call()
    except ONF as error:
        return error
    return None
