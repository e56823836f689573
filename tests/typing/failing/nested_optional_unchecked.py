from tight_customers import Customer


def city(customer: Customer) -> str | None:
    return customer.address.city  # expect-error
