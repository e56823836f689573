from tight_customers.cli import main

main()
