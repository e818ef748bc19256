import { defineRule, problemIf } from '../../template/fortress-rule';
import { asList } from '../../template/stack-template';

/**
 * App clients do not allow the OAuth implicit grant, which returns tokens in the redirect URL (browser history,
 * logs, referrers) without proof of possession; RFC 9700 (OAuth 2.0 Security BCP) says not to use it.
 */
export default defineRule(__filename, {
  resourceTypes: ['AWS::Cognito::UserPoolClient'],
  info: 'The Cognito app client allows the OAuth implicit grant.',
  explanation: 'Implicit-grant tokens travel in URL fragments where browser history, extensions and logs can capture them, and cannot be bound to the client.',
  fix: 'Create clients with SecureUserPool.addClient (authorization code grant with PKCE), or remove implicitCodeGrant from oAuth.flows.',
  evaluate: (client) => problemIf(asList(client.properties.AllowedOAuthFlows).includes('implicit'), 'AllowedOAuthFlows includes "implicit".'),
});
