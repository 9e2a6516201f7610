import shop_errors.billing.cards as card_errors
from shop_errors.billing import cards


def charge(expiry: str) -> None:
    if expiry < "2024":
        raise cards.CardExpired(expiry=expiry)


def is_expired(error: Exception) -> bool:
    return isinstance(error, card_errors.CardExpired)
