# Spacelift plan policy: deny a run whose plan has policy-check findings at or above a severity.
# Reads the JSON report the after_plan hook (config.yml) writes to apigw.custom.spacelift.json, which
# Spacelift passes as input.third_party_metadata.custom.apigw. Attach it to stacks as a PLAN policy.
package spacelift

import rego.v1

# Lowest severity that denies the run (policy-check's --fail-on); lower ones become warnings.
deny_at := "medium"

severities := ["critical", "high", "medium", "low", "info"]

report := input.third_party_metadata.custom.apigw

_rank(severity) := i if {
	some i, s in severities
	s == severity
}

_waived(f) if {
	f.waiver
	not f.waiver.expired
}

_blocking(f) if {
	not f.unknown
	not _waived(f)
	_rank(f.severity) <= _rank(deny_at)
}

# Fail closed: a run without the report (hook missing or broken) is denied, never passed.
deny contains "policy-check: no report in third_party_metadata.custom.apigw (is the after_plan hook configured?)" if {
	not report
}

deny contains sprintf("policy-check %s (%s) on %s: %s", [f.rule_id, f.severity, f.address, f.title]) if {
	some f in report.findings
	_blocking(f)
}

warn contains sprintf("policy-check %s (%s) on %s: %s", [f.rule_id, label, f.address, f.title]) if {
	some f in report.findings
	not _blocking(f)
	label := _label(f)
}

_label(f) := "unverifiable" if f.unknown

_label(f) := f.severity if not f.unknown

# Keep a sample of evaluated inputs in Spacelift, to test the policy with real data.
sample := true
