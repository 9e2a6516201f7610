from django.views import View

from shop_errors.limits import RateLimited
from shop_errors.requests import InvalidBody


class OrderView(View):
    def get(self, request) -> None:
        raise RateLimited(retry_after=10)

    def post(self, request) -> None:
        raise InvalidBody(errors=["quantity"])
