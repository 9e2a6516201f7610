"""The app's own module of errors: re-exports, one of them under another name."""
from shop_errors.orders import OrderNotFound
from shop_errors.payments import CardDeclined as Declined

__all__ = ["Declined", "OrderNotFound"]
