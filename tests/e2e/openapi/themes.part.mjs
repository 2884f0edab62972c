// Themes of a programme in the API (issue 7, items 3 and 9): proposed and supported during
// the proposal phase (each organisation once), ranked by support, one selected by the ANCT
// that runs the programme.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

export const operations = [
  'GET /api/v1/programmes/{programme}/themes',
  'POST /api/v1/programmes/{programme}/themes',
  'POST /api/v1/programmes/{programme}/themes/{theme}/supports',
  'POST /api/v1/programmes/{programme}/themes/{theme}/selection',
];

export default function register(api) {
  let programme;
  let anct;
  let joinville;
  let chaumont;
  const themes = () => `/api/v1/programmes/${programme}/themes`;

  describe('themes', () => {
    before(() => {
      anct = api.person({ email: 'pvi.themes@anct.gouv.fr', organisations: [{ kind: 'anct', name: 'ANCT — thèmes', role: 'member' }] });
      joinville = api.person({
        email: 'elue.themes@joinville.fr',
        organisations: [{ kind: 'collectivite', name: 'Joinville (thèmes)', territory: 'commune:52250', role: 'member' }],
      });
      chaumont = api.person({
        email: 'agent.themes@chaumont.fr',
        organisations: [{ kind: 'collectivite', name: 'Chaumont (thèmes)', territory: 'commune:52121', role: 'member' }],
      });
      programme = Number(api.sql(`INSERT INTO programmes (slug, type, title, year, organisation_id, created_at)
        VALUES ('projet-partage-api-themes', 'projet_partage', 'Territoires en commun 2027', 2027, ${anct.organisations[0]}, '2026-12-01T09:00:00Z');
        SELECT MAX(id) FROM programmes;`));
      api.sql(`INSERT INTO programme_phases (programme_id, position, key, starts_on, ends_on, active) VALUES
        (${programme}, 1, 'propositions', '', '', 1), (${programme}, 2, 'inscriptions', '', '', 0);`);
    });

    test('proposed, supported once, ranked, selected; every refusal', async () => {
      const mobility = await api.request('POST', themes(), 201, {
        token: joinville.token,
        body: { organisation_id: joinville.organisations[0], title: 'Mobilités du quotidien', inspiration: 'Fiche : covoiturage rural' },
      });
      assert.equal(mobility.supports, 0);
      const food = await api.request('POST', themes(), 201, { token: chaumont.token, body: { organisation_id: chaumont.organisations[0], title: 'Alimentation' } });
      await api.request('POST', themes(), 400, { token: joinville.token, body: { organisation_id: joinville.organisations[0], title: '' } });
      await api.request('POST', themes(), 400, { token: joinville.token, body: { organisation_id: joinville.organisations[0], title: 'x', theme: 'inconnu' } });
      await api.request('POST', themes(), 403, { token: joinville.token, body: { organisation_id: chaumont.organisations[0], title: 'Pour une autre' } });
      await api.request('POST', themes(), 401, { body: { organisation_id: 1, title: 'x' } });
      await api.request('POST', themes(), 415, { token: joinville.token, raw: 'title=x', contentType: 'text/plain' });
      await api.request('POST', '/api/v1/programmes/999999/themes', 404, { token: joinville.token, body: { organisation_id: joinville.organisations[0], title: 'x' } });

      const support = (theme) => `${themes()}/${theme.id}/supports`;
      const supported = await api.request('POST', support(food), 200, { token: joinville.token, body: { organisation_id: joinville.organisations[0] } });
      assert.equal(supported.supports, 1);
      assert.equal(supported.rank, 1, 'the most supported first');
      await api.request('POST', support(food), 409, { token: joinville.token, body: { organisation_id: joinville.organisations[0] } });
      await api.request('POST', support(food), 400, { token: joinville.token, body: {} });
      await api.request('POST', support(food), 403, { token: joinville.token, body: { organisation_id: chaumont.organisations[0] } });
      await api.request('POST', support(food), 401, { body: { organisation_id: 1 } });
      await api.request('POST', support(food), 415, { token: joinville.token, raw: 'organisation_id=1', contentType: 'text/plain' });
      await api.request('POST', `${themes()}/999999/supports`, 404, { token: joinville.token, body: { organisation_id: joinville.organisations[0] } });

      const ranking = await api.request('GET', themes(), 200);
      assert.deepEqual(ranking.themes.map((t) => [t.title, t.rank, t.supports]), [['Alimentation', 1, 1], ['Mobilités du quotidien', 2, 0]]);
      await api.request('GET', '/api/v1/programmes/999999/themes', 404);

      // Only the ANCT that runs the programme selects; the theme becomes the programme's title.
      const select = `${themes()}/${food.id}/selection`;
      await api.request('POST', select, 403, { token: joinville.token });
      await api.request('POST', select, 401);
      await api.request('POST', `${themes()}/999999/selection`, 404, { token: anct.token });
      const selected = await api.request('POST', select, 200, { token: anct.token });
      assert.equal(selected.selected, true);
      assert.equal(api.sql(`SELECT title FROM programmes WHERE id = ${programme}`), 'Alimentation');

      // Outside the proposal phase, and on a past programme: 409.
      api.sql(`UPDATE programme_phases SET active = CASE position WHEN 2 THEN 1 ELSE 0 END WHERE programme_id = ${programme};`);
      await api.request('POST', themes(), 409, { token: joinville.token, body: { organisation_id: joinville.organisations[0], title: 'Trop tard' } });
      const historic = api.sql('SELECT id FROM programmes WHERE historic = 1 ORDER BY id LIMIT 1');
      const admin = api.person({ email: 'admin.themes@boussole.fr', platformAdmin: true });
      await api.request('POST', `/api/v1/programmes/${historic}/themes/1/selection`, 409, { token: admin.token });
    });
  });
}
