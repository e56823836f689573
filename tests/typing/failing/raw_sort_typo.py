from tight_customers import TightClient


def run(client: TightClient) -> None:
    client.customers.query(sort={"orderBy": "EMAIL"})  # expect-error
