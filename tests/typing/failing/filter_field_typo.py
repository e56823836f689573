from tight_customers import F

F.nmae.contains("acme")  # expect-error
