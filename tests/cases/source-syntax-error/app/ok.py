def fine() -> int:
    return 1
