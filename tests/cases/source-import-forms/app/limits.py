import shop_errors.limits as limits_module


def throttle(seconds: int) -> None:
    raise limits_module.RateLimited(retry_after=seconds, limit=100)
