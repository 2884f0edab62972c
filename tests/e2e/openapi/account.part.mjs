// The account operations of the API: who the token acts for, and ending the token.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

export const operations = ['GET /api/v1/me', 'DELETE /api/v1/me/token'];

export default function register(api) {
  describe('GET /api/v1/me', () => {
    test('200: the token owner and their organisations', async () => {
      const { userId, token, organisations } = api.person({
        email: 'agent.openapi@joinville.fr',
        organisations: [{ kind: 'collectivite', name: 'Commune de Joinville', territory: 'commune:52250', role: 'admin' }],
      });
      const me = await api.request('GET', '/api/v1/me', 200, { token });
      assert.equal(me.id, userId);
      assert.equal(me.authenticated_by, 'token');
      assert.deepEqual(me.organisations, [{ id: organisations[0], name: 'Commune de Joinville', kind: 'collectivite', role: 'admin' }]);
    });

    test('401: no token, or an unknown one', async () => {
      await api.request('GET', '/api/v1/me', 401);
      await api.request('GET', '/api/v1/me', 401, { token: 'bsl_inconnu' });
    });
  });

  describe('DELETE /api/v1/me/token', () => {
    test('204, then the token is refused', async () => {
      const { token } = api.person({ email: 'outil.openapi@joinville.fr' });
      await api.request('DELETE', '/api/v1/me/token', 204, { token });
      await api.request('DELETE', '/api/v1/me/token', 401, { token });
      await api.request('GET', '/api/v1/me', 401, { token });
    });
  });
}
