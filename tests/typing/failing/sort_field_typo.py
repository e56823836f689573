from tight_customers import Sort

Sort("EMAIL")  # expect-error
