from tight_customers import Customer


def domain(customer: Customer) -> str:
    return customer.email.split("@")[1]  # expect-error
