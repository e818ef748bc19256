/** How bad a finding is: errors fail enforcement, warnings are reported. */
export type Severity = 'error' | 'warning';

/** One judgment about a policy, trust policy or network rule; `message` says how to fix it. */
export interface Finding {
  /** Stable identifier, e.g. `WILDCARD_NOT_ACTION`, for acknowledgments and SARIF rule ids. */
  readonly code: string;
  readonly severity: Severity;
  /** What is wrong and how to fix it, in one or two sentences. */
  readonly message: string;
}

/** Builds a finding (keeps call sites short). */
export function finding(code: string, severity: Severity, message: string): Finding {
  return { code, severity, message };
}
