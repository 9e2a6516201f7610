from shop_errors import auth, lookup


def expired(at: str) -> None:
    raise auth.TokenExpired(expired_at=at)


def token_class() -> type:
    return lookup("https://shop.example.com/errors/auth/token_expired")
