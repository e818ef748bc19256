import { defineRule, RuleLevel } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/** The headers that carry credentials and session tokens. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie'];

/**
 * WAF logging configurations redact the `authorization` and `cookie` headers. No standard pack looks at what WAF
 * logs: by default every header of every request, bearer tokens and session cookies included, lands in the logs.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::WAFv2::LoggingConfiguration'],
  level: RuleLevel.WARNING,
  info: 'The WAF logging configuration does not redact the authorization and cookie headers.',
  explanation: 'WAF logs keep request headers; unredacted, the logs hold live bearer tokens and session cookies that anyone '
    + 'able to read them can replay.',
  fix: 'Use SecureWebAcl (redacts both), or add { SingleHeader: { Name: authorization } } and { SingleHeader: { Name: cookie } } to RedactedFields.',
  evaluate: (config) => {
    const redacted = asList(config.properties.RedactedFields)
      .map((f) => f?.SingleHeader?.Name)
      .filter((n): n is string => typeof n === 'string')
      .map((n) => n.toLowerCase());
    const missing = CREDENTIAL_HEADERS.filter((h) => !redacted.includes(h));
    return missing.length === 0 ? [] : [{ detail: `RedactedFields does not redact ${missing.join(' and ')}.` }];
  },
});
