from shop_errors.limits import RateLimited


def throttle(key: str) -> None:
    if key == "busy":
        raise RateLimited(retry_after=30)
