// Elasticsearch's 401 answers, with the texts its security code uses (x-pack/plugin/security, 8.x/9.x):
//   DefaultAuthenticationFailureHandler.missingToken:        "missing authentication credentials for REST request [{uri}]"
//   DefaultAuthenticationFailureHandler.failedAuthentication: "unable to authenticate user [{principal}] for REST request [{uri}]"
//   AuthenticatorChain.handleNullToken, after an API key or bearer token failed:
//     "unable to authenticate with provided credentials and anonymous access is not allowed for this request"
//     plus metadata es.additional_unsuccessful_credentials = ["<authenticator name>: <message>", ...]
// {uri} is RestRequest.uri(): the path and query string exactly as sent.
import { EsError } from '../errors';

/**
 * One WWW-Authenticate value per enabled scheme, in the order Elasticsearch lists them. 8.x and 9.x
 * send `Basic realm="security", charset="UTF-8"` (RFC 7617 form); 7.x clusters sent it without the comma.
 * `Bearer` appears when the token service is on, which a default (TLS-enabled) install has.
 */
export function wwwAuthenticate(version: string): string[] {
  const basic = version.startsWith('7.') ? 'Basic realm="security" charset="UTF-8"' : 'Basic realm="security", charset="UTF-8"';
  return [basic, 'Bearer realm="security"', 'ApiKey'];
}

/** Rendered like ElasticsearchSecurityException: metadata (without the `es.` prefix) then `header`. */
function securityError(reason: string, version: string, unsuccessful: string[] = []): EsError {
  const metadata: Record<string, unknown> = {};
  // ElasticsearchException renders a one-element metadata list as a plain string.
  if (unsuccessful.length) metadata.additional_unsuccessful_credentials = unsuccessful.length === 1 ? unsuccessful[0] : unsuccessful;
  metadata.header = { 'WWW-Authenticate': wwwAuthenticate(version) };
  return new EsError(401, 'security_exception', reason, metadata);
}

export const missingCredentials = (uri: string, version: string): EsError =>
  securityError(`missing authentication credentials for REST request [${uri}]`, version);

export const failedUser = (username: string, uri: string, version: string): EsError =>
  securityError(`unable to authenticate user [${username}] for REST request [${uri}]`, version);

/** UsernamePasswordToken.extractToken rejects a Basic header it cannot split into user and password. */
export const invalidBasicHeader = (version: string): EsError => securityError('invalid basic authentication header value', version);

export const failedCredentials = (unsuccessful: string[], version: string): EsError =>
  securityError('unable to authenticate with provided credentials and anonymous access is not allowed for this request', version, unsuccessful);

/** What an 8.x/9.x node with xpack.security.enabled=false (basic license) answers to security APIs. */
export const securityDisabled = (): EsError =>
  new EsError(
    500,
    'exception',
    'Security must be explicitly enabled when using a [basic] license. Enable security by setting [xpack.security.enabled] to [true] in the elasticsearch.yml file and restart the node.',
  );
