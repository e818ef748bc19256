/** WAF's pattern for rule, rule group, web ACL and managed rule names (EntityName in the WAFv2 API). */
export const WAF_ENTITY_NAME = /^[0-9A-Za-z_-]{1,128}$/;

/** WAF log destinations must be named with this prefix. https://docs.aws.amazon.com/waf/latest/APIReference/API_LoggingConfiguration.html */
export const WAF_LOG_GROUP_PREFIX = 'aws-waf-logs-';
