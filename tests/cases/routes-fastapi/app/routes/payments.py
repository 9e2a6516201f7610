from fastapi import APIRouter

from shop_errors import lookup
from shop_errors.payments import CardDeclined

router = APIRouter(prefix="/payments")


@router.post("")
def pay(card: str, code: str) -> None:
    if card.startswith("4000"):
        raise CardDeclined(decline_code="insufficient_funds")
    raise lookup(code)()
