// GET /_security/_authenticate: who the request's credentials belong to. Cheap and answered by every
// secured cluster, so it is what a "Test connection" button can call to check credentials.
import type { Router } from '../http/router';
import type { EsRequest } from '../http/es-request';
import { securityDisabled } from './auth-errors';

function authenticateInfo(req: EsRequest): Record<string, unknown> {
  const user = req.user;
  // Dispatch sets `user` whenever security is on; without it this node runs with security disabled.
  if (!user) throw securityDisabled();
  const body: Record<string, unknown> = {
    username: user.username,
    roles: user.roles,
    full_name: null,
    email: null,
    metadata: user.realm.type === 'reserved' ? { _reserved: true } : {},
    enabled: true,
    authentication_realm: user.realm,
    lookup_realm: user.realm,
    authentication_type: user.authenticationType,
  };
  if (user.apiKey) body.api_key = user.apiKey;
  return body;
}

export function registerSecurityRoutes(router: Router): void {
  router.add('security.authenticate', ['GET'], '/_security/_authenticate', 'none', (req) => ({ status: 200, body: authenticateInfo(req) }));
}
