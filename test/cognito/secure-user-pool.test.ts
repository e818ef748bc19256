import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as fc from 'fast-check';
import { FortressErrors, SecureUserPool } from '../../src';
import { complianceTestStack, expectCompliant, propertyTestStack, rejectionOf } from '../compliance';

const ids = (acks: Array<{ constructPath: string; ruleId: string }>) => acks.map((a) => `${a.constructPath} ${a.ruleId}`);

describe('SecureUserPool', () => {
  test('GIVEN no props THEN MFA required with TOTP only, no SMS role', () => {
    const stack = propertyTestStack();
    const pool = new SecureUserPool(stack, 'Customers');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      SmsConfiguration: Match.absent(),
    });
    template.resourceCountIs('AWS::IAM::Role', 0);
    expect(pool.createdSmsRole).toBeUndefined();
    expect(pool).toBeInstanceOf(cognito.UserPool);
  });

  test('GIVEN no props THEN PLUS plan with threat protection enforced for standard and custom auth', () => {
    const stack = propertyTestStack();
    new SecureUserPool(stack, 'Customers');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED', AdvancedSecurityAdditionalFlows: { CustomAuthMode: 'ENFORCED' } },
    });
  });

  test('GIVEN no props THEN a 14-character password policy with every class, history and 3-day temporary passwords', () => {
    const stack = propertyTestStack();
    new SecureUserPool(stack, 'Customers');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      Policies: {
        PasswordPolicy: {
          MinimumLength: 14,
          RequireLowercase: true,
          RequireUppercase: true,
          RequireNumbers: true,
          RequireSymbols: true,
          TemporaryPasswordValidityDays: 3,
          PasswordHistorySize: 5,
        },
      },
    });
  });

  test('GIVEN no props THEN admin-only sign-up, verified email kept until verified, email recovery, case-insensitive', () => {
    const stack = propertyTestStack();
    new SecureUserPool(stack, 'Customers');
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      AutoVerifiedAttributes: ['email'],
      UsernameAttributes: ['email'],
      UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email'] },
      AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
      UsernameConfiguration: { CaseSensitive: false },
    });
  });

  test('GIVEN no props THEN deletion protection on and retained', () => {
    const stack = propertyTestStack();
    new SecureUserPool(stack, 'Customers');
    Template.fromStack(stack).hasResource('AWS::Cognito::UserPool', {
      Properties: Match.objectLike({ DeletionProtection: 'ACTIVE' }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });

  test('GIVEN SMS as a second factor THEN a role only Cognito of this account can assume, with an external id, publishing SMS', () => {
    const stack = propertyTestStack();
    const pool = new SecureUserPool(stack, 'Customers', { mfaSecondFactor: { otp: true, sms: true } });
    const template = Template.fromStack(stack);
    const roleId = stack.getLogicalId(pool.createdSmsRole!.node.defaultChild as iam.CfnRole);
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      EnabledMfas: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'],
      SmsConfiguration: { SnsCallerArn: { 'Fn::GetAtt': [roleId, 'Arn'] }, ExternalId: pool.node.addr, SnsRegion: 'eu-west-1' },
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: {
        Statement: [Match.objectLike({
          Principal: { Service: 'cognito-idp.amazonaws.com' },
          Condition: {
            StringEquals: { 'sts:ExternalId': pool.node.addr, 'aws:SourceAccount': { Ref: 'AWS::AccountId' } },
            ArnLike: { 'aws:SourceArn': Match.anyValue() },
          },
        })],
      },
    });
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] },
      Roles: [{ Ref: roleId }],
    });
  });

  test('GIVEN an own SMS role THEN it is used and none is created', () => {
    const stack = propertyTestStack();
    const role = new iam.Role(stack, 'Own', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') });
    const pool = new SecureUserPool(stack, 'Customers', { mfaSecondFactor: { otp: true, sms: true }, smsRole: role, smsRoleExternalId: 'shop' });
    expect(pool.createdSmsRole).toBeUndefined();
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPool', {
      SmsConfiguration: { SnsCallerArn: { 'Fn::GetAtt': [stack.getLogicalId(role.node.defaultChild as iam.CfnRole), 'Arn'] }, ExternalId: 'shop' },
    });
    Template.fromStack(stack).resourceCountIs('AWS::IAM::Role', 1);
  });

  test('addClient: a public client gets the code grant only, PKCE-ready, hidden user existence, revocation, short tokens', () => {
    const stack = propertyTestStack();
    const pool = new SecureUserPool(stack, 'Customers');
    pool.addClient('Web', { oAuth: { callbackUrls: ['https://shop.example.com/callback'] } });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['openid', 'email'],
      CallbackURLs: ['https://shop.example.com/callback'],
      GenerateSecret: Match.absent(),
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
      AccessTokenValidity: 60,
      IdTokenValidity: 60,
      RefreshTokenValidity: 43200,
      TokenValidityUnits: { AccessToken: 'minutes', IdToken: 'minutes', RefreshToken: 'minutes' },
    });
  });

  test('addClient: a confidential client gets a secret and propagates user context data; no OAuth without oAuth', () => {
    const stack = propertyTestStack();
    const pool = new SecureUserPool(stack, 'Customers');
    pool.addClient('Server', { generateSecret: true });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      GenerateSecret: true,
      EnablePropagateAdditionalUserContextData: true,
      AllowedOAuthFlowsUserPoolClient: false,
      AllowedOAuthFlows: Match.absent(),
      CallbackURLs: Match.absent(),
    });
  });

  test('addClient: a machine-to-machine client gets the client credentials grant only', () => {
    const stack = propertyTestStack();
    const pool = new SecureUserPool(stack, 'Customers');
    const server = pool.addResourceServer('Api', { identifier: 'api', scopes: [{ scopeName: 'read', scopeDescription: 'read' }] });
    pool.addClient('Batch', {
      generateSecret: true,
      oAuth: { flows: { clientCredentials: true }, scopes: [cognito.OAuthScope.resourceServer(server, { scopeName: 'read', scopeDescription: 'read' })] },
      accessTokenValidity: Duration.minutes(15),
    });
    Template.fromStack(stack).hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['client_credentials'],
      AccessTokenValidity: 15,
    });
  });
});

describe('SecureUserPool compliance (all six packs + FortressChecks)', () => {
  test('GIVEN no props and hardened clients THEN no unacknowledged error and no acknowledgment', () => {
    const stack = complianceTestStack();
    const pool = new SecureUserPool(stack, 'Customers');
    pool.addClient('Web', { oAuth: { callbackUrls: ['https://shop.example.com/callback'] } });
    pool.addClient('Server', { generateSecret: true });
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([]);
  });

  test('GIVEN SMS MFA THEN only the SMS policy\'s Resource::* is acknowledged', () => {
    const stack = complianceTestStack();
    new SecureUserPool(stack, 'Customers', { mfaSecondFactor: { otp: true, sms: true } });
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([
      'Stack/Customers/SmsPolicy AwsSolutions-IAM5[Resource::*]',
    ]);
  });

  test('GIVEN MFA off and ESSENTIALS, each with a reason THEN the COG2 and COG8 groups are acknowledged on the pool', () => {
    const stack = complianceTestStack();
    new SecureUserPool(stack, 'Staff', {
      mfa: cognito.Mfa.OFF,
      mfaDisabledReason: 'Staff sign in only through the corporate SAML identity provider, which enforces phishing-resistant MFA itself.',
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      featurePlanReason: 'Federated staff sign-in only: the identity provider runs risk-based sign-in checks, so Cognito threat protection would duplicate them.',
    });
    expect(ids(expectCompliant(stack).acknowledgments)).toEqual([
      'Stack/Staff AwsSolutions-COG2',
      'Stack/Staff AwsSolutions-COG8',
      'Stack/Staff Fortress-CognitoUserPoolMfaRequired',
      'Stack/Staff Fortress-CognitoUserPoolThreatProtectionEnforced',
    ]);
  });

  test('property: random valid props and clients always synthesize compliant', () => {
    fc.assert(fc.property(fc.record({
      minLength: fc.option(fc.integer({ min: 14, max: 99 }), { nil: undefined }),
      tempDays: fc.option(fc.integer({ min: 1, max: 7 }), { nil: undefined }),
      history: fc.option(fc.integer({ min: 0, max: 24 }), { nil: undefined }),
      selfSignUp: fc.option(fc.boolean(), { nil: undefined }),
      sms: fc.boolean(),
      accessMinutes: fc.option(fc.integer({ min: 5, max: 1440 }), { nil: undefined }),
      refreshDays: fc.option(fc.integer({ min: 1, max: 3650 }), { nil: undefined }),
      confidential: fc.boolean(),
      removalPolicy: fc.constantFrom(undefined, RemovalPolicy.RETAIN, RemovalPolicy.RETAIN_ON_UPDATE_OR_DELETE),
    }), (p) => {
      const stack = complianceTestStack();
      const pool = new SecureUserPool(stack, 'Customers', {
        passwordPolicy: {
          minLength: p.minLength,
          tempPasswordValidity: p.tempDays === undefined ? undefined : Duration.days(p.tempDays),
          passwordHistorySize: p.history,
        },
        selfSignUpEnabled: p.selfSignUp,
        mfaSecondFactor: p.sms ? { otp: true, sms: true } : undefined,
        removalPolicy: p.removalPolicy,
      });
      pool.addClient('App', {
        generateSecret: p.confidential,
        oAuth: { callbackUrls: ['https://app.example.com/cb'] },
        accessTokenValidity: p.accessMinutes === undefined ? undefined : Duration.minutes(p.accessMinutes),
        refreshTokenValidity: p.refreshDays === undefined ? undefined : Duration.days(p.refreshDays),
      });
      expectCompliant(stack);
    }), { numRuns: 5 });
  });
});

describe('SecureUserPool rejects invalid input before creating anything', () => {
  const PREFIX = '[cdk-fortress] Stack/Customers: ';
  const attempt = (props: (stack: Stack) => any): unknown => rejectionOf('Customers', props, (stack, id, p) => new SecureUserPool(stack, id, p));

  test.each<[string, (stack: Stack) => any, string]>([
    ['MFA off without a reason', () => ({ mfa: cognito.Mfa.OFF }), "invalid 'mfa': must be Mfa.REQUIRED unless 'mfaDisabledReason' says why"],
    ['MFA optional without a reason', () => ({ mfa: cognito.Mfa.OPTIONAL }), "invalid 'mfa'"],
    ['MFA off with a stock reason', () => ({ mfa: cognito.Mfa.OFF, mfaDisabledReason: 'not needed' }), "invalid 'mfaDisabledReason'"],
    ['a reason with MFA required', () => ({ mfaDisabledReason: 'Sign-in is federated to the corporate provider which enforces MFA itself.' }), "invalid 'mfaDisabledReason': is only for mfa OFF or OPTIONAL"],
    ['no second factor at all', () => ({ mfaSecondFactor: { otp: false, sms: false } }), "invalid 'mfaSecondFactor': must enable at least one factor"],
    ['second factors with MFA off', () => ({ mfa: cognito.Mfa.OFF, mfaDisabledReason: 'Sign-in is federated to the corporate provider which enforces MFA itself.', mfaSecondFactor: { otp: true, sms: false } }), "invalid 'mfaSecondFactor': cannot be set with mfa OFF"],
    ['an SMS role without SMS', (stack) => ({ smsRole: new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('cognito-idp.amazonaws.com') }) }), "invalid 'smsRole': is only used with SMS"],
    ['phone recovery without SMS', () => ({ accountRecovery: cognito.AccountRecovery.PHONE_WITHOUT_MFA_AND_EMAIL }), "invalid 'accountRecovery': must be EMAIL_ONLY unless SMS is enabled"],
    ['a 12-character password', () => ({ passwordPolicy: { minLength: 12 } }), "invalid 'passwordPolicy.minLength': must be an integer from 14 to 99 (got 12)"],
    ['a 100-character password', () => ({ passwordPolicy: { minLength: 100 } }), "invalid 'passwordPolicy.minLength'"],
    ['symbols not required', () => ({ passwordPolicy: { requireSymbols: false } }), "invalid 'passwordPolicy.requireSymbols': cannot be turned off"],
    ['temporary passwords for 30 days', () => ({ passwordPolicy: { tempPasswordValidity: Duration.days(30) } }), "invalid 'passwordPolicy.tempPasswordValidity': must be a whole number of days from 1 to 7"],
    ['temporary passwords for 36 hours', () => ({ passwordPolicy: { tempPasswordValidity: Duration.hours(36) } }), "invalid 'passwordPolicy.tempPasswordValidity'"],
    ['a password history of 25', () => ({ passwordPolicy: { passwordHistorySize: 25 } }), "invalid 'passwordPolicy.passwordHistorySize': must be an integer from 0 to 24"],
    ['ESSENTIALS without a reason', () => ({ featurePlan: cognito.FeaturePlan.ESSENTIALS }), "invalid 'featurePlan': must be FeaturePlan.PLUS"],
    ['a feature plan reason with PLUS', () => ({ featurePlanReason: 'Federated staff sign-in only, risk checks happen at the identity provider.' }), "invalid 'featurePlanReason': is only for a featurePlan other than PLUS"],
    ['deletion protection off on a retained pool', () => ({ deletionProtection: false }), "invalid 'deletionProtection': can be false only with removalPolicy DESTROY"],
    ['a SNAPSHOT removal policy', () => ({ removalPolicy: RemovalPolicy.SNAPSHOT }), "invalid 'removalPolicy'"],
    ['props that are not an object', () => 'pool', "invalid 'props': must be an object"],
  ])('%s', (_name, props, message) => {
    const error = attempt(props);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test.each([undefined, null])('JavaScript callers passing %p props get the defaults', (props) => {
    expect(attempt(() => props)).toBeUndefined();
  });
});

describe('SecureUserPool.addClient rejects weakened clients', () => {
  const PREFIX = '[cdk-fortress] Stack/Customers/App: ';
  const attempt = (options: any): unknown => {
    const stack = propertyTestStack();
    const pool = new SecureUserPool(stack, 'Customers');
    try {
      pool.addClient('App', options);
    } catch (e) {
      expect(pool.node.tryFindChild('App')).toBeUndefined();
      return e;
    }
    return undefined;
  };
  const oAuth = { callbackUrls: ['https://app.example.com/cb'] };

  test.each<[string, any, string]>([
    ['the implicit grant', { oAuth: { ...oAuth, flows: { implicitCodeGrant: true } } }, "invalid 'oAuth.flows.implicitCodeGrant': must not be true"],
    ['the implicit grant beside the code grant', { oAuth: { ...oAuth, flows: { authorizationCodeGrant: true, implicitCodeGrant: true } } }, "invalid 'oAuth.flows.implicitCodeGrant'"],
    ['an access token valid 2 days', { accessTokenValidity: Duration.days(2) }, "invalid 'accessTokenValidity': must be a whole number of seconds from 5 minutes to 1 day"],
    ['an ID token valid 1 minute', { idTokenValidity: Duration.minutes(1) }, "invalid 'idTokenValidity'"],
    ['a refresh token valid 30 minutes', { refreshTokenValidity: Duration.minutes(30) }, "invalid 'refreshTokenValidity': must be a whole number of seconds from 60 minutes to 10 years"],
    ['a refresh token valid 11 years', { refreshTokenValidity: Duration.days(4015) }, "invalid 'refreshTokenValidity'"],
    ['an access token outliving the refresh token', { accessTokenValidity: Duration.hours(12), refreshTokenValidity: Duration.hours(2) }, "invalid 'accessTokenValidity': must not be longer than refreshTokenValidity"],
    ['an auth session of 20 minutes', { authSessionValidity: Duration.minutes(20) }, "invalid 'authSessionValidity'"],
    ['user existence errors revealed', { preventUserExistenceErrors: false }, "invalid 'preventUserExistenceErrors': cannot be false"],
    ['token revocation off', { enableTokenRevocation: false }, "invalid 'enableTokenRevocation': cannot be false"],
    ['client credentials on a public client', { oAuth: { flows: { clientCredentials: true } } }, "invalid 'oAuth.flows.clientCredentials': needs a confidential client"],
    ['OAuth without callback URLs', { oAuth: {} }, "invalid 'oAuth.callbackUrls': is required"],
    ['an http callback URL', { oAuth: { callbackUrls: ['http://app.example.com/cb'] } }, "invalid 'oAuth.callbackUrls': must be an https:// URL"],
    ['a callback URL with a fragment', { oAuth: { callbackUrls: ['https://app.example.com/cb#x'] } }, "invalid 'oAuth.callbackUrls'"],
    ['context data on a public client', { enablePropagateAdditionalUserContextData: true }, "invalid 'enablePropagateAdditionalUserContextData': needs a confidential client"],
  ])('%s', (_name, options, message) => {
    const error = attempt(options);
    expect(FortressErrors.isFortressError(error)).toBe(true);
    expect((error as Error).message).toContain(PREFIX + message);
  });

  test('http://localhost and app schemes are accepted as callback URLs', () => {
    expect(attempt({ oAuth: { callbackUrls: ['http://localhost:3000/cb', 'myapp://callback'] } })).toBeUndefined();
  });
});
