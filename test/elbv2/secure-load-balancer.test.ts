import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as fc from 'fast-check';
import {
  EncryptedBucket, FortressErrors, LoadBalancerLogsBucket, RestrictedSecurityGroup, SecureLoadBalancer, SecureVpc, SecureWebAcl, WebAclScope,
} from '../../src';
import { checkCompliance, complianceTestStack, errorRuleIds, expectCompliant, propertyTestApp, propertyTestStack, rejectionOf } from '../compliance';

const CERT_ARN = 'arn:aws:acm:eu-west-1:111122223333:certificate/11111111-2222-3333-4444-555555555555';
const logicalId = (stack: Stack, c: { node: { defaultChild?: any } }) => stack.getLogicalId(c.node.defaultChild);
const certificateIn = (stack: Stack) => (stack.node.tryFindChild('Certificate') as acm.ICertificate | undefined)
  ?? acm.Certificate.fromCertificateArn(stack, 'Certificate', CERT_ARN);
const notFound = elbv2.ListenerAction.fixedResponse(404);
/** Acknowledgments of this construct, without those of the SecureVpc and the stack's AccessLogsBucket (documented in their sections). */
const ownAcknowledgments = (acks: Array<{ constructPath: string; ruleId: string }>) => acks
  .filter((a) => !a.constructPath.startsWith('Stack/Vpc') && !a.constructPath.startsWith('Stack/FortressAccessLogs'))
  .map((a) => `${a.constructPath} ${a.ruleId}`);

/** The acknowledgments an internet-facing SecureLoadBalancer with an HTTPS listener and the HTTP redirect makes (documented in the README). */
const DEFAULT_ACKNOWLEDGMENTS = [
  'Stack/FortressLoadBalancerLogs Fortress-S3BucketKmsEncrypted',
  'Stack/FortressLoadBalancerLogs HIPAA.Security-S3BucketReplicationEnabled',
  'Stack/FortressLoadBalancerLogs HIPAA.Security-S3DefaultEncryptionKMS',
  'Stack/FortressLoadBalancerLogs NIST.800.53.R4-S3BucketDefaultLockEnabled',
  'Stack/FortressLoadBalancerLogs NIST.800.53.R4-S3BucketReplicationEnabled',
  'Stack/FortressLoadBalancerLogs NIST.800.53.R5-S3BucketReplicationEnabled',
  'Stack/FortressLoadBalancerLogs NIST.800.53.R5-S3DefaultEncryptionKMS',
  'Stack/FortressLoadBalancerLogs PCI.DSS.321-S3BucketReplicationEnabled',
  'Stack/FortressLoadBalancerLogs PCI.DSS.321-S3DefaultEncryptionKMS',
  'Stack/Web/Redirect80To443 HIPAA.Security-ELBv2ACMCertificateRequired',
  'Stack/Web/Redirect80To443 NIST.800.53.R5-ELBv2ACMCertificateRequired',
  'Stack/Web/Redirect80To443 PCI.DSS.321-ELBv2ACMCertificateRequired',
  'Stack/Web/SecurityGroup AwsSolutions-EC23',
];

function publicLoadBalancer(stack: Stack, props: Partial<ConstructorParameters<typeof SecureLoadBalancer>[2]> = {}) {
  const vpc = new SecureVpc(stack, 'Vpc');
  const lb = new SecureLoadBalancer(stack, 'Web', { vpc, internetFacing: true, ...props });
  const https = lb.addHttpsListener('Https', { certificates: [certificateIn(stack)], defaultAction: notFound });
  const http = lb.addRedirect();
  return { vpc, lb, https, http };
}

describe('SecureLoadBalancer', () => {
  test('drop-in: an ApplicationLoadBalancer with deletion protection, invalid headers dropped, strictest desync mitigation', () => {
    const stack = propertyTestStack();
    const { lb } = publicLoadBalancer(stack);
    expect(lb).toBeInstanceOf(elbv2.ApplicationLoadBalancer);
    Template.fromStack(stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      Scheme: 'internet-facing',
      Type: 'application',
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'deletion_protection.enabled', Value: 'true' },
        { Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' },
        { Key: 'routing.http.desync_mitigation_mode', Value: 'strictest' },
      ]),
    });
  });

  test('GIVEN no bucket THEN access logs go to the stack\'s LoadBalancerLogsBucket under the load balancer\'s prefix', () => {
    const stack = propertyTestStack();
    const { lb } = publicLoadBalancer(stack);
    const bucket = LoadBalancerLogsBucket.of(stack);
    expect(lb.accessLogsBucket).toBe(bucket);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      LoadBalancerAttributes: Match.arrayWith([
        { Key: 'access_logs.s3.enabled', Value: 'true' },
        { Key: 'access_logs.s3.bucket', Value: { Ref: logicalId(stack, bucket) } },
        { Key: 'access_logs.s3.prefix', Value: 'StackWeb3B3D323C' },
      ]),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack, bucket) },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 's3:PutObject', Principal: { Service: 'delivery.logs.amazonaws.com' } })]) },
    });
  });

  test('LoadBalancerLogsBucket: SSE-S3 (what ELB log delivery supports), TLS 1.2+, private, versioned, expiring, access-logged, retained', () => {
    const stack = propertyTestStack();
    const bucket = LoadBalancerLogsBucket.of(stack);
    expect(LoadBalancerLogsBucket.of(stack)).toBe(bucket);
    expect(bucket.encryptionKey).toBeUndefined();
    const template = Template.fromStack(stack);
    template.hasResource('AWS::S3::Bucket', {
      Properties: {
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 365, NoncurrentVersionExpiration: { NoncurrentDays: 365 } })] },
        LoggingConfiguration: { DestinationBucketName: Match.anyValue(), LogFilePrefix: Match.stringLikeRegexp('FortressLoadBalancerLogs') },
      },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      Bucket: { Ref: logicalId(stack, bucket) },
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } })]) },
    });
  });

  test('HTTPS listeners get the TLS 1.3 policy (TLS13_RES) and their certificate; the redirect is a permanent one to HTTPS', () => {
    const stack = propertyTestStack();
    const { lb } = publicLoadBalancer(stack);
    lb.addHttpsListener('Pq', { port: 8443, certificates: [certificateIn(stack)], sslPolicy: elbv2.SslPolicy.TLS13_12_RES_PQ, defaultAction: notFound, open: false });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTPS', Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-2021-06', Certificates: [{ CertificateArn: CERT_ARN }],
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'HTTPS', Port: 8443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09' });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      Protocol: 'HTTP',
      Port: 80,
      SslPolicy: Match.absent(),
      DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443', StatusCode: 'HTTP_301' } }],
    });
  });

  test('GIVEN a load-balancer-wide sslPolicy THEN HTTPS listeners without their own use it', () => {
    const stack = propertyTestStack();
    publicLoadBalancer(stack, { sslPolicy: elbv2.SslPolicy.FIPS_TLS13_12_RES });
    Template.fromStack(stack).hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Port: 443, SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04' });
  });

  test('internet-facing: a RestrictedSecurityGroup admitting the internet on 443 and 80 only, and nothing on admin ports', () => {
    const stack = propertyTestStack();
    const { lb } = publicLoadBalancer(stack);
    expect(lb.securityGroup).toBeInstanceOf(RestrictedSecurityGroup);
    expect(lb.connections.securityGroups).toEqual([lb.securityGroup]);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { SecurityGroups: [{ 'Fn::GetAtt': [logicalId(stack, lb.securityGroup), 'GroupId'] }] });
    const group = template.findResources('AWS::EC2::SecurityGroup')[logicalId(stack, lb.securityGroup)];
    expect(group.Properties.SecurityGroupIngress.map((r: any) => [r.CidrIp, r.FromPort, r.ToPort])).toEqual([['0.0.0.0/0', 443, 443], ['0.0.0.0/0', 80, 80]]);
    expect(() => lb.connections.allowFromAnyIpv4(ec2.Port.tcp(22))).toThrow(/invalid 'addIngressRule'/);
    expect(() => lb.connections.allowFromAnyIpv4(ec2.Port.tcp(8080))).toThrow(/invalid 'addIngressRule'/);
  });

  test('internal: listeners admit the VPC CIDR, never the internet', () => {
    const stack = propertyTestStack();
    const vpc = new SecureVpc(stack, 'Vpc');
    const lb = new SecureLoadBalancer(stack, 'Internal', { vpc });
    lb.addHttpsListener('Https', { certificates: [certificateIn(stack)], defaultAction: notFound });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Scheme: 'internal' });
    const group = template.findResources('AWS::EC2::SecurityGroup')[logicalId(stack, lb.securityGroup)];
    expect(group.Properties.SecurityGroupIngress).toEqual([
      { CidrIp: '10.0.0.0/16', Description: 'Clients in the VPC', FromPort: 443, IpProtocol: 'tcp', ToPort: 443 },
    ]);
    expect(vpc.vpcCidrBlock).not.toBe('10.0.0.0/16');
  });

  test('a SecureWebAcl is created and associated by default', () => {
    const stack = propertyTestStack();
    const { lb } = publicLoadBalancer(stack);
    expect(lb.webAcl).toBeInstanceOf(SecureWebAcl);
    expect(lb.webAcl!.node.path).toBe('Stack/Web/WebAcl');
    Template.fromStack(stack).hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { Ref: logicalId(stack, lb) },
      WebACLArn: { 'Fn::GetAtt': [logicalId(stack, lb.webAcl!), 'Arn'] },
    });
  });

  test('GIVEN a shared web ACL THEN it is associated and none is created', () => {
    const stack = propertyTestStack();
    const acl = new SecureWebAcl(stack, 'Shared', { rateLimitForwardedIpHeader: 'X-Forwarded-For' });
    const { lb } = publicLoadBalancer(stack, { webAcl: acl });
    expect(lb.webAcl).toBe(acl);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::WAFv2::WebACL', 1);
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { Ref: logicalId(stack, lb) } });
  });

  test('GIVEN an opt-out reason THEN no web ACL, and the WAF rules acknowledged on the load balancer with it', () => {
    const stack = propertyTestStack();
    const { lb } = publicLoadBalancer(stack, { webAclOptOutReason: REASON });
    expect(lb.webAcl).toBeUndefined();
    Template.fromStack(stack).resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
  });
});

const REASON = 'This load balancer only admits CloudFront origin-facing addresses, and the distribution\'s web ACL inspects every request first.';

describe('SecureLoadBalancer compliance (all six packs + FortressChecks)', () => {
  test('GIVEN an internet-facing load balancer with HTTPS and the redirect THEN compliant, exactly the documented acknowledgments', () => {
    const stack = complianceTestStack();
    publicLoadBalancer(stack);
    const acks = ownAcknowledgments(expectCompliant(stack).acknowledgments);
    expect(acks).toEqual(DEFAULT_ACKNOWLEDGMENTS);
    expect(acks.some((a) => a.includes('EC2SecurityGroupNoInternetAdminPorts'))).toBe(false);
  });

  test('GIVEN an internal load balancer without web ACL THEN compliant, the WAF rules acknowledged on it with the reason', () => {
    const stack = complianceTestStack();
    const lb = new SecureLoadBalancer(stack, 'Internal', { vpc: new SecureVpc(stack, 'Vpc'), webAclOptOutReason: REASON });
    lb.addHttpsListener('Https', { certificates: [certificateIn(stack)], defaultAction: notFound });
    const result = expectCompliant(stack);
    expect(ownAcknowledgments(result.acknowledgments).filter((a) => a.startsWith('Stack/Internal'))).toEqual([
      'Stack/Internal NIST.800.53.R4-ALBWAFEnabled',
      'Stack/Internal NIST.800.53.R5-ALBWAFEnabled',
      'Stack/Internal PCI.DSS.321-ALBWAFEnabled',
    ]);
    expect(result.acknowledgments.find((a) => a.ruleId === 'PCI.DSS.321-ALBWAFEnabled')?.reason).toBe(REASON);
  });

  test('GIVEN the reference-app shape (HTTPS forwarding to an IP target group for Fargate) THEN compliant, same acknowledgments', () => {
    const stack = complianceTestStack();
    const vpc = new SecureVpc(stack, 'Vpc');
    const lb = new SecureLoadBalancer(stack, 'Web', { vpc, internetFacing: true });
    const targets = new elbv2.ApplicationTargetGroup(stack, 'App', {
      vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP, healthCheck: { path: '/health' },
    });
    lb.addHttpsListener('Https', { certificates: [certificateIn(stack)], defaultTargetGroups: [targets] });
    lb.addRedirect();
    expect(ownAcknowledgments(expectCompliant(stack).acknowledgments)).toEqual(DEFAULT_ACKNOWLEDGMENTS);
  });

  test('attack: a forwarding rule added to the HTTP redirect listener is reported', () => {
    const stack = complianceTestStack();
    const { http, vpc } = publicLoadBalancer(stack);
    const group = new elbv2.ApplicationTargetGroup(stack, 'Targets', { vpc, port: 8080, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.IP });
    http.addAction('Api', { priority: 1, conditions: [elbv2.ListenerCondition.pathPatterns(['/api/*'])], action: elbv2.ListenerAction.forward([group]) });
    expect(errorRuleIds(checkCompliance(stack).report.errors)).toContain('Fortress-ELBv2HttpListenerRedirectsOnly');
  });

  test('attack: an escape hatch downgrading the TLS policy is reported', () => {
    const stack = complianceTestStack();
    const { https } = publicLoadBalancer(stack);
    (https.node.defaultChild as elbv2.CfnListener).addPropertyOverride('SslPolicy', elbv2.SslPolicy.RECOMMENDED);
    expect(errorRuleIds(checkCompliance(stack).report.errors)).toEqual(['Fortress-ELBv2ListenerTls12']);
  });

  test('property: random valid props always synthesize compliant', () => {
    const { TLS13_RES, RECOMMENDED_TLS, TLS13_12_RES_PQ, TLS13_13, FIPS_TLS13_12_RES } = elbv2.SslPolicy;
    const policies = [TLS13_RES, RECOMMENDED_TLS, TLS13_12_RES_PQ, TLS13_13, FIPS_TLS13_12_RES];
    fc.assert(fc.property(fc.record({
      internetFacing: fc.boolean(),
      sslPolicy: fc.option(fc.constantFrom(...policies), { nil: undefined }),
      idleSeconds: fc.option(fc.integer({ min: 1, max: 4000 }), { nil: undefined }),
      redirect: fc.boolean(),
      optOut: fc.boolean(),
    }), (p) => {
      const stack = complianceTestStack();
      const lb = new SecureLoadBalancer(stack, 'Web', {
        vpc: new SecureVpc(stack, 'Vpc'),
        internetFacing: p.internetFacing,
        sslPolicy: p.sslPolicy,
        idleTimeout: p.idleSeconds === undefined ? undefined : Duration.seconds(p.idleSeconds),
        webAclOptOutReason: p.optOut ? REASON : undefined,
      });
      lb.addHttpsListener('Https', { certificates: [certificateIn(stack)], defaultAction: notFound });
      if (p.redirect) lb.addRedirect();
      expectCompliant(stack);
    }), { numRuns: 4 });
  });
});

describe('SecureLoadBalancer rejects invalid input with the library error', () => {
  const PREFIX = '[cdk-fortress] Stack/Web: ';

  test('an environment-agnostic stack (ALB access logs need the region)', () => {
    const stack = new Stack(propertyTestApp(), 'Stack');
    const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });
    const build = () => new SecureLoadBalancer(stack, 'Web', { vpc, internetFacing: true });
    expect(build).toThrow(`${PREFIX}invalid 'scope': must be in a stack with an explicit region`);
    expect(stack.node.tryFindChild('Web')).toBeUndefined();
  });
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Web', props, (stack, id, p) => new SecureLoadBalancer(stack, id, p));
  const vpcIn = (stack: Stack) => new ec2.Vpc(stack, 'Vpc', { natGateways: 0 });

  test.each<[string, (stack: Stack) => any, string]>([
    ['no props', () => undefined, "invalid 'vpc': is required"],
    ['a VPC that is not one', () => ({ vpc: 'vpc-123' }), "invalid 'vpc': must be an ec2.IVpc"],
    ['internetFacing as a string', (s) => ({ vpc: vpcIn(s), internetFacing: 'yes' }), "invalid 'internetFacing': must be true or false"],
    ['a TLS 1.0 load-balancer policy', (s) => ({ vpc: vpcIn(s), sslPolicy: elbv2.SslPolicy.LEGACY }), "invalid 'sslPolicy': must refuse TLS below 1.2"],
    ['the CloudFormation default policy 2016-08', (s) => ({ vpc: vpcIn(s), sslPolicy: elbv2.SslPolicy.RECOMMENDED }), "invalid 'sslPolicy'"],
    ['a KMS-encrypted access-logs bucket', (s) => ({ vpc: vpcIn(s), accessLogsBucket: new EncryptedBucket(s, 'Kms') }),
      "invalid 'accessLogsBucket': must use SSE-S3: Elastic Load Balancing delivers no access logs to SSE-KMS buckets"],
    ['an access-logs prefix containing AWSLogs', (s) => ({ vpc: vpcIn(s), accessLogsPrefix: 'web/AWSLogs' }), "invalid 'accessLogsPrefix'"],
    ['an access-logs prefix with a trailing slash', (s) => ({ vpc: vpcIn(s), accessLogsPrefix: 'web/' }), "invalid 'accessLogsPrefix'"],
    ['a web ACL and an opt-out', (s) => ({ vpc: vpcIn(s), webAcl: new SecureWebAcl(s, 'Acl'), webAclOptOutReason: REASON }), "invalid 'webAcl': cannot be combined with 'webAclOptOutReason'"],
    ['an opt-out without a real reason', (s) => ({ vpc: vpcIn(s), webAclOptOutReason: 'not needed' }), "invalid 'webAclOptOutReason'"],
    ['a CLOUDFRONT web ACL', (s) => ({ vpc: vpcIn(s), webAcl: { aclScope: WebAclScope.CLOUDFRONT } }), "invalid 'webAcl': must be a SecureWebAcl"],
    ['a load balancer name over 32 characters', (s) => ({ vpc: vpcIn(s), loadBalancerName: 'w'.repeat(33) }), "invalid 'loadBalancerName'"],
    ['a load balancer name starting with internal-', (s) => ({ vpc: vpcIn(s), loadBalancerName: 'internal-web' }), "invalid 'loadBalancerName'"],
    ['an idle timeout of 0', (s) => ({ vpc: vpcIn(s), idleTimeout: Duration.seconds(0) }), "invalid 'idleTimeout'"],
    ['an idle timeout over 4000 seconds', (s) => ({ vpc: vpcIn(s), idleTimeout: Duration.seconds(4001) }), "invalid 'idleTimeout'"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test('a CLOUDFRONT-scope SecureWebAcl is refused', () => {
    const stack = new Stack(propertyTestApp(), 'Stack', { env: { account: '111122223333', region: 'us-east-1' } });
    const acl = new SecureWebAcl(stack, 'Edge', { scope: WebAclScope.CLOUDFRONT });
    expect(() => new SecureLoadBalancer(stack, 'Web', { vpc: vpcIn(stack), webAcl: acl })).toThrow(`${PREFIX}invalid 'webAcl': must be a REGIONAL web ACL`);
  });

  describe('listeners', () => {
    const lbIn = () => {
      const stack = propertyTestStack();
      const group = new elbv2.ApplicationTargetGroup(stack, 'Targets', { vpc: vpcIn(stack), port: 8080, protocol: elbv2.ApplicationProtocol.HTTP });
      return { stack, group, lb: new SecureLoadBalancer(stack, 'Web', { vpc: vpcIn2(stack), internetFacing: true }) };
    };
    const vpcIn2 = (stack: Stack) => new ec2.Vpc(stack, 'LbVpc', { natGateways: 0 });
    test.each<[string, (x: ReturnType<typeof lbIn>) => unknown, string]>([
      ['an HTTP listener forwarding to a target group', ({ lb, group }) => lb.addListener('Http', { port: 80, defaultTargetGroups: [group] }),
        "invalid 'addListener(Http).defaultTargetGroups': must only redirect to HTTPS"],
      ['an HTTP listener forwarding by action', ({ lb, group }) => lb.addListener('Http', { protocol: elbv2.ApplicationProtocol.HTTP, port: 8080, defaultAction: elbv2.ListenerAction.forward([group]) }),
        "invalid 'addListener(Http).defaultAction': must only redirect to HTTPS"],
      ['an HTTP listener answering with content', ({ lb }) => lb.addListener('Http', { port: 80, defaultAction: elbv2.ListenerAction.fixedResponse(200, { messageBody: 'hi' }) }),
        "invalid 'addListener(Http).defaultAction'"],
      ['an HTTP listener without action', ({ lb }) => lb.addListener('Http', { port: 80 }), "invalid 'addListener(Http).defaultAction'"],
      ['a redirect that stays on HTTP', ({ lb }) => lb.addRedirect({ targetProtocol: elbv2.ApplicationProtocol.HTTP, targetPort: 8080 }),
        "invalid 'addListener(Redirect80To8080).defaultAction'"],
      ['an HTTPS listener without certificate', ({ lb }) => lb.addListener('Https', { port: 443, defaultAction: notFound }),
        "invalid 'addListener(Https).certificates': must list at least one certificate"],
      ['addHttpsListener with no certificates', ({ lb }) => lb.addHttpsListener('Https', { certificates: [], defaultAction: notFound }),
        "invalid 'addListener(Https).certificates'"],
      ['addHttpsListener without props', ({ lb }) => lb.addHttpsListener('Https', undefined as any), "invalid 'addHttpsListener(Https)': needs { certificates }"],
      ['an HTTPS listener with the TLS 1.0 policy', ({ lb, stack }) => lb.addHttpsListener('Https', { certificates: [certificateIn(stack)], sslPolicy: elbv2.SslPolicy.TLS13_10 }),
        "invalid 'addListener(Https).sslPolicy': must refuse TLS below 1.2 (this policy accepts TLS 1.0)"],
      ['an HTTPS listener with TLS 1.1', ({ lb, stack }) => lb.addHttpsListener('Https', { certificates: [certificateIn(stack)], sslPolicy: elbv2.SslPolicy.TLS11 }),
        "invalid 'addListener(Https).sslPolicy'"],
      ['a listener on another port without protocol', ({ lb, stack }) => lb.addListener('Alt', { port: 8443, certificates: [certificateIn(stack)] }),
        "invalid 'addListener(Alt).protocol': must be HTTPS"],
      ['an open HTTPS listener on a port not declared public', ({ lb, stack }) => lb.addHttpsListener('Alt', { port: 8443, certificates: [certificateIn(stack)], defaultAction: notFound }),
        "invalid 'addIngressRule'"],
    ])('%s', (_name, act, message) => {
      const x = lbIn();
      let error: unknown;
      try { act(x); } catch (e) { error = e; }
      expect(FortressErrors.isFortressError(error)).toBe(true);
      expect((error as Error).message).toContain(message);
    });
  });

  test('LoadBalancerLogsBucket refuses a bad name, expiry or removal policy', () => {
    const stack = propertyTestStack();
    expect(() => new LoadBalancerLogsBucket(stack, 'A', { bucketName: 'Bad_Name' })).toThrow("invalid 'bucketName'");
    expect(() => new LoadBalancerLogsBucket(stack, 'B', { expiration: Duration.days(0) })).toThrow("invalid 'expiration'");
    expect(() => new LoadBalancerLogsBucket(stack, 'C', { removalPolicy: RemovalPolicy.SNAPSHOT })).toThrow("invalid 'removalPolicy'");
    expect(new LoadBalancerLogsBucket(stack, 'D', { expiration: Duration.days(90) })).toBeInstanceOf(s3.Bucket);
  });
});
