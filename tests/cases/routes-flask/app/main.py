from flask import Flask

from shop_errors.requests import InvalidBody

from .orders import orders

app = Flask(__name__)
app.register_blueprint(orders, url_prefix="/v2/orders")


@app.errorhandler(400)
def bad_request(error: Exception) -> None:
    raise InvalidBody(errors=[str(error)])


@app.route("/payments", methods=["POST"])
def pay() -> None:
    from shop_errors.payments import CardDeclined

    raise CardDeclined(decline_code="insufficient_funds")
