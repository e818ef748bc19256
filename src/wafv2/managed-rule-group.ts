import { WAF_ENTITY_NAME } from './waf-names';
import { FortressError } from '../core/fortress-error';

/**
 * A managed rule group a {@link SecureWebAcl} evaluates: the AWS managed groups as static
 * members (open set: `ManagedRuleGroup.custom()` for others), each with the web ACL capacity
 * units (WCUs) it consumes. AWS managed rule groups listed here carry no subscription fee beyond
 * WAF's $1 per rule per month (the group counts as one rule); Bot Control, Fraud Control (ATP, ACFP)
 * and DDoS protection groups are paid and not listed.
 *
 * @see https://docs.aws.amazon.com/waf/latest/developerguide/aws-managed-rule-groups-list.html
 */
export class ManagedRuleGroup {
  /** Core rule set (CRS): OWASP Top 10 coverage, e.g. XSS, LFI, oversized bodies. 700 WCUs. Baseline (on by default). */
  public static readonly COMMON_RULE_SET = new ManagedRuleGroup('AWS', 'AWSManagedRulesCommonRuleSet', 700);
  /** Known bad inputs: request patterns known to be invalid or exploit-related (e.g. Log4j, Java deserialization). 200 WCUs. Baseline (on by default). */
  public static readonly KNOWN_BAD_INPUTS = new ManagedRuleGroup('AWS', 'AWSManagedRulesKnownBadInputsRuleSet', 200);
  /** Amazon IP reputation list: sources Amazon threat intelligence has seen attack (bots, reconnaissance, DDoS). 25 WCUs. Baseline (on by default). */
  public static readonly AMAZON_IP_REPUTATION = new ManagedRuleGroup('AWS', 'AWSManagedRulesAmazonIpReputationList', 25);
  /** SQL injection rule set: for applications backed by an SQL database. 200 WCUs. Opt in. */
  public static readonly SQL_INJECTION = new ManagedRuleGroup('AWS', 'AWSManagedRulesSQLiRuleSet', 200);
  /** Linux operating system rule set: LFI against Linux-specific files. 200 WCUs. Opt in. */
  public static readonly LINUX = new ManagedRuleGroup('AWS', 'AWSManagedRulesLinuxRuleSet', 200);
  /** Anonymous IP list: VPNs, proxies, Tor nodes and hosting providers. 50 WCUs. Opt in: it also blocks legitimate users of VPNs. */
  public static readonly ANONYMOUS_IP = new ManagedRuleGroup('AWS', 'AWSManagedRulesAnonymousIpList', 50);

  /**
   * The baseline a {@link SecureWebAcl} evaluates by default: COMMON_RULE_SET, KNOWN_BAD_INPUTS and
   * AMAZON_IP_REPUTATION (925 WCUs). Extend it with `[...ManagedRuleGroup.baseline(), ManagedRuleGroup.SQL_INJECTION]`.
   */
  public static baseline(): ManagedRuleGroup[] {
    return [ManagedRuleGroup.AMAZON_IP_REPUTATION, ManagedRuleGroup.COMMON_RULE_SET, ManagedRuleGroup.KNOWN_BAD_INPUTS];
  }

  /**
   * A managed rule group not listed here (another AWS group, or a Marketplace vendor's).
   * Check its capacity and pricing first: paid groups bill a subscription and per request.
   *
   * @param vendorName the vendor, e.g. `AWS`
   * @param name the group's name, e.g. `AWSManagedRulesPHPRuleSet`
   * @param capacity the WCUs it consumes (1 to 5000), as WAF documents it
   */
  public static custom(vendorName: string, name: string, capacity: number): ManagedRuleGroup {
    if (typeof vendorName !== 'string' || !/\S/.test(vendorName) || vendorName.length > 128) {
      throw FortressError.invalidProp('ManagedRuleGroup.custom', 'vendorName', 'must be 1-128 characters, e.g. AWS', vendorName);
    }
    if (typeof name !== 'string' || !WAF_ENTITY_NAME.test(name)) {
      throw FortressError.invalidProp('ManagedRuleGroup.custom', 'name', 'must be 1-128 letters, digits, _ or -', name);
    }
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 5000) {
      throw FortressError.invalidProp('ManagedRuleGroup.custom', 'capacity', 'must be an integer from 1 to 5000 (WCUs)', capacity);
    }
    return new ManagedRuleGroup(vendorName, name, capacity);
  }

  private constructor(
    /** The vendor, e.g. `AWS`. */
    public readonly vendorName: string,
    /** The group's name, e.g. `AWSManagedRulesCommonRuleSet`. */
    public readonly name: string,
    /** Web ACL capacity units the group consumes. */
    public readonly capacity: number,
  ) {}
}
