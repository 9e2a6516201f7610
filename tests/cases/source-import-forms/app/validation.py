import shop_errors


def check(body: dict) -> None:
    if "quantity" not in body:
        raise shop_errors.requests.InvalidBody(errors=["quantity"], request=body)
