from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError

from shop_errors.requests import InvalidBody

from .auth import verify_token
from .routes import orders, payments

app = FastAPI(dependencies=[Depends(verify_token)])
app.include_router(orders.router, prefix="/v2")
app.include_router(payments.router)


@app.exception_handler(RequestValidationError)
async def invalid_body(request: Request, error: RequestValidationError) -> None:
    raise InvalidBody(errors=[str(item) for item in error.errors()])


@app.get("/health")
def health() -> dict[str, str]:
    return {"status": "ok"}
