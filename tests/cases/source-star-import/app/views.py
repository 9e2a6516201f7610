from os.path import *

from .errors import *
from .helpers import *


def show(order_id: str) -> None:
    raise OrderNotFound(order_id=slug(order_id))  # from a star import: not guessed
