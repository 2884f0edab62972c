// The learning community of a programme in the API (issue 7, items 8 and 9): its
// participants read and write, a report hides a message at the third, a moderator (the
// pilot's members) restores it.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

export const operations = [
  'GET /api/v1/programmes/{programme}/posts',
  'POST /api/v1/programmes/{programme}/posts',
  'POST /api/v1/programmes/{programme}/posts/{post}/reports',
  'POST /api/v1/programmes/{programme}/posts/{post}/restore',
];

export default function register(api) {
  let programme;
  let anct;
  let participants;
  let outsider;
  const posts = () => `/api/v1/programmes/${programme}/posts`;

  describe('the learning community', () => {
    before(() => {
      anct = api.person({
        email: 'pvi.communaute@anct.gouv.fr',
        organisations: [{ kind: 'anct', name: 'ANCT — communauté', role: 'member' }],
      });
      programme = Number(api.sql(`INSERT INTO programmes (slug, type, title, year, organisation_id, created_at)
        VALUES ('projet-partage-api-communaute', 'projet_partage', 'Territoires en commun (API)', 2026, ${anct.organisations[0]}, '2026-12-01T09:00:00Z');
        SELECT MAX(id) FROM programmes;`));
      participants = ['52250', '52121', '52448'].map((code) => {
        const person = api.person({
          email: `elu.${code}@communaute.fr`,
          organisations: [{ kind: 'collectivite', name: `Commune ${code} (communauté)`, territory: `commune:${code}`, role: 'member' }],
        });
        api.sql(`INSERT INTO programme_participants (programme_id, organisation_id, role, created_at)
          VALUES (${programme}, ${person.organisations[0]}, 'observer', '2026-12-01T09:00:00Z');`);
        return person;
      });
      outsider = api.person({
        email: 'dehors@communaute.fr',
        organisations: [{ kind: 'collectivite', name: 'Commune dehors', territory: 'commune:52001', role: 'member' }],
      });
    });

    test('posts and comments, reports that hide, a restoration, and every refusal', async () => {
      // Write a message, then comment on it.
      const post = await api.request('POST', posts(), 201, { token: participants[0].token, body: { body: 'Notre groupe a rencontré 120 habitants' } });
      assert.equal(post.parent_id, null);
      assert.equal(post.body, 'Notre groupe a rencontré 120 habitants');
      const comment = await api.request('POST', posts(), 201, { token: participants[1].token, body: { body: 'Comment les avez-vous invités ?', parent_id: post.id } });
      assert.equal(comment.parent_id, post.id);
      // The community heard of it, the author did not.
      const notified = api.sql(`SELECT COUNT(*) FROM notifications WHERE user_id = ${participants[0].userId} AND topic = 'programme'`);
      assert.equal(notified, '1', 'the author of the message hears of the comment only');
      await api.request('POST', posts(), 400, { token: participants[0].token, body: { body: '' } });
      await api.request('POST', posts(), 400, { token: participants[0].token, body: { body: 'x', parent_id: comment.id } });
      await api.request('POST', posts(), 400, { token: participants[0].token, body: { body: 'x', titre: 'inconnu' } });
      await api.request('POST', posts(), 415, { token: participants[0].token, raw: 'body=x', contentType: 'application/x-www-form-urlencoded' });
      await api.request('POST', posts(), 401, { body: { body: 'x' } });
      await api.request('POST', posts(), 403, { token: outsider.token, body: { body: 'x' } });
      await api.request('POST', '/api/v1/programmes/999999/posts', 404, { token: participants[0].token, body: { body: 'x' } });

      const list = await api.request('GET', posts(), 200, { token: participants[2].token });
      assert.deepEqual(list.posts.map((p) => p.id), [post.id, comment.id]);
      await api.request('GET', posts(), 401);
      await api.request('GET', posts(), 403, { token: outsider.token });
      await api.request('GET', '/api/v1/programmes/999999/posts', 404, { token: participants[0].token });

      // Three reports hide it; one report per person.
      const report = () => `${posts()}/${post.id}/reports`;
      for (const who of participants) await api.request('POST', report(), 204, { token: who.token });
      await api.request('POST', report(), 409, { token: participants[0].token });
      await api.request('POST', `${posts()}/999999/reports`, 404, { token: participants[0].token });
      await api.request('POST', report(), 401);
      await api.request('POST', report(), 403, { token: outsider.token });
      const hidden = (await api.request('GET', posts(), 200, { token: participants[1].token })).posts[0];
      assert.equal(hidden.hidden, true);
      assert.equal(hidden.body, null, 'a hidden text is for moderators only');
      const moderated = (await api.request('GET', posts(), 200, { token: anct.token })).posts[0];
      assert.equal(moderated.body, 'Notre groupe a rencontré 120 habitants');

      // Only a moderator restores it.
      const restore = `${posts()}/${post.id}/restore`;
      await api.request('POST', restore, 403, { token: participants[0].token });
      await api.request('POST', restore, 401);
      await api.request('POST', `${posts()}/999999/restore`, 404, { token: anct.token });
      const restored = await api.request('POST', restore, 200, { token: anct.token });
      assert.equal(restored.hidden, false);
      assert.equal(restored.reports, 0);
    });
  });
}
