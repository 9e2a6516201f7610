from fastapi import Header

from shop_errors.auth import TokenExpired


def verify_token(authorization: str = Header()) -> str:
    if authorization.endswith(":expired"):
        raise TokenExpired(expired_at=authorization.rpartition(":")[0])
    return authorization
