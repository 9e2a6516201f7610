def show(order_id:
    return order_id
