from tight_customers import TightClient


def run(client: TightClient) -> None:
    client.customers.query(filter={"name": {"contains": "x"}})  # expect-error
