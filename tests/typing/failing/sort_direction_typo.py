from tight_customers import Sort

Sort("NAME", "DOWN")  # expect-error
