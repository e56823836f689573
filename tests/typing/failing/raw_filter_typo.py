from tight_customers import RawFilter

flt: RawFilter = {"nmae": {"equal": "x"}}  # expect-error
