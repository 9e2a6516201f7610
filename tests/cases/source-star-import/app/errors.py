from shop_errors.orders import *
