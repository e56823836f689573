"""Is the SDK right for your Tight account? Check the live API against openapi.yaml.

    from tight_customers.probe import run_probe

    report = run_probe("https://sandbox.tight.com", token="...")
    for check in report.checks:
        print(check.semantic, check.verdict, check.live)
    report.write_json("probe.json")   # spec version and base URL, never the token

Read-only (token, query and get requests only), at most 80 requests, paced under the rate
limit. Every answer is validated against the spec shipped with the SDK, and every semantic the
spec marks **(inferred)** is tested with values taken from the tenant's own customers; what the
data cannot decide is reported undecided, with the reason. Needs the `probe` extra (jsonschema).
"""

from tight_customers.probe._report import CheckResult, ProbeReport, Verdict
from tight_customers.probe._run import DEFAULT_MAX_REQUESTS, ProbeError, run_probe
from tight_customers.probe._spec import Deviation

__all__ = [
    "DEFAULT_MAX_REQUESTS",
    "CheckResult",
    "Deviation",
    "ProbeError",
    "ProbeReport",
    "Verdict",
    "run_probe",
]
