from .main import app
from .routes import orders

for router in (orders.router,):  # which router is mounted is only known at run time
    app.include_router(router, prefix="/v3")
