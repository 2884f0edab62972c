// Programmes and their cohorts in the API (issue 7, items 4, 6 and 9): the ANCT creates a
// programme, territories are proposed and selected up to the type's maximum, collectivités
// register (stakeholders, then the waitlist with its message, observers), the ANCT
// arbitrates, people are named, phases dated and opened, steps recorded; the cohort is read.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

export const operations = [
  'POST /api/v1/organisations/{organisation}/programmes',
  'GET /api/v1/programmes/{programme}/cohort',
  'POST /api/v1/programmes/{programme}/territories',
  'DELETE /api/v1/programmes/{programme}/territories/{territory}',
  'POST /api/v1/programmes/{programme}/territories/{territory}/selection',
  'POST /api/v1/programmes/{programme}/registrations',
  'POST /api/v1/programmes/{programme}/registrations/{organisation}/arbitration',
  'POST /api/v1/programmes/{programme}/people',
  'PATCH /api/v1/programmes/{programme}/phases/{position}',
  'POST /api/v1/programmes/{programme}/steps',
];

// Communes of Haute-Marne.
const communes = ['52250', '52121', '52448', '52001', '52002', '52003', '52004', '52005', '52006'];

export default function register(api) {
  let anct;
  let elue;     // member of six collectivités
  let outsider; // member of one collectivité, in no cohort
  let admin;
  let historic;
  let fabrique;
  let partage;
  const url = (programme, rest = '') => `/api/v1/programmes/${programme}${rest}`;
  const org = (i) => elue.organisations[i];

  describe('programmes and cohorts', () => {
    before(() => {
      anct = api.person({ email: 'pvi.cohortes@anct.gouv.fr', organisations: [{ kind: 'anct', name: 'ANCT — cohortes', role: 'member' }] });
      elue = api.person({
        email: 'elue.cohortes@haute-marne.fr',
        organisations: communes.slice(0, 6).map((code) => ({ kind: 'collectivite', name: `Commune ${code} (cohortes)`, territory: `commune:${code}` })),
      });
      outsider = api.person({
        email: 'agent.cohortes@example.fr',
        organisations: [{ kind: 'collectivite', name: 'Commune 52007 (cohortes)', territory: 'commune:52007' }],
      });
      admin = api.person({ email: 'admin.cohortes@boussole.fr', platformAdmin: true });
      historic = api.sql('SELECT id FROM programmes WHERE historic = 1 ORDER BY id LIMIT 1');
    });

    test('POST /api/v1/organisations/{organisation}/programmes: 201, 400, 401, 403, 404, 415', async () => {
      const create = `/api/v1/organisations/${anct.organisations[0]}/programmes`;
      fabrique = await api.request('POST', create, 201, {
        token: anct.token, body: { type: 'fabrique', title: 'Sobriété foncière', year: 2026, starts_on: '2026-01-15', partners: ['Banque des territoires'] },
      });
      assert.equal(fabrique.ends_on, '2027-01-15');
      assert.deepEqual(fabrique.partners.map((p) => p.name), ['Banque des territoires']);
      partage = await api.request('POST', create, 201, { token: anct.token, body: { type: 'projet_partage', title: 'Territoires en commun 2026', year: 2026 } });
      const bad = await api.request('POST', create, 400, { token: anct.token, body: { type: 'fabrique', title: 'X', year: 2026, starts_on: '2026-02-30' } });
      assert.match(bad.detail, /« starts_on »/);
      await api.request('POST', create, 400, { token: anct.token, body: { type: 'fabrique', title: 'X' } });
      await api.request('POST', create, 401, { body: { type: 'fabrique', title: 'X', year: 2026 } });
      await api.request('POST', create, 403, { token: elue.token, body: { type: 'fabrique', title: 'X', year: 2026 } });
      await api.request('POST', '/api/v1/organisations/99999999/programmes', 404, { token: admin.token, body: { type: 'fabrique', title: 'X', year: 2026 } });
      await api.request('POST', create, 415, { token: anct.token, raw: 'type=fabrique', contentType: 'application/x-www-form-urlencoded' });
    });

    test('territories: proposed, selected up to 8, removed; every refusal', async () => {
      const propose = url(fabrique.id, '/territories');
      for (const code of communes) {
        await api.request('POST', propose, 201, { token: anct.token, body: { territory: code } });
      }
      const select = (code) => url(fabrique.id, `/territories/commune:${code}/selection`);
      for (const code of communes.slice(0, 8)) await api.request('POST', select(code), 200, { token: anct.token });
      const full = await api.request('POST', select(communes[8]), 409, { token: anct.token });
      assert.match(full.detail, /réunit 4 à 8 territoires, et 8 sont déjà sélectionnés/);
      await api.request('POST', select(communes[8]), 401);
      await api.request('POST', select(communes[8]), 403, { token: elue.token });
      await api.request('POST', url(fabrique.id, '/territories/commune:99999/selection'), 404, { token: anct.token });

      const remove = url(fabrique.id, `/territories/commune:${communes[7]}`);
      await api.request('DELETE', remove, 401);
      await api.request('DELETE', remove, 403, { token: elue.token });
      const left = await api.request('DELETE', remove, 200, { token: anct.token });
      assert.equal(left.places_left, 1);
      await api.request('DELETE', remove, 404, { token: anct.token });
      await api.request('DELETE', url(historic, `/territories/commune:${communes[0]}`), 409, { token: admin.token });

      // A collectivité for its own territory only.
      const own = await api.request('POST', propose, 201, { token: outsider.token, body: { territory: '52007', organisation_id: outsider.organisations[0] } });
      assert.equal(own.proposed_territories.find((t) => t.territory_id === 'commune:52007').origin, 'candidature');
      await api.request('POST', propose, 403, { token: outsider.token, body: { territory: '52250', organisation_id: outsider.organisations[0] } });
      const unknown = await api.request('POST', propose, 400, { token: outsider.token, body: { territory: '99999', organisation_id: outsider.organisations[0] } });
      assert.match(unknown.detail, /« territory »/);
      await api.request('POST', propose, 409, { token: anct.token, body: { territory: communes[0] } });
      await api.request('POST', propose, 401, { body: { territory: '52250' } });
      await api.request('POST', propose, 415, { token: anct.token, raw: 'territory=52250', contentType: 'text/plain' });
      await api.request('POST', url(99999999, '/territories'), 404, { token: anct.token, body: { territory: '52250' } });

      const cohort = await api.request('GET', url(fabrique.id, '/cohort'), 200);
      assert.equal(cohort.territory_count, 7);
      assert.equal(cohort.places_left, 1);
      await api.request('GET', url(99999999, '/cohort'), 404);
    });

    test('POST …/people: 201, 400, 401, 403, 404, 409, 415', async () => {
      const people = url(fabrique.id, '/people');
      const added = await api.request('POST', people, 201, {
        token: elue.token, body: { territory: 'commune:52250', group: 'groupe_local', name: 'Association des commerçants', kind: 'association' },
      });
      assert.equal(added.people.length, 1);
      assert.ok(added.working_group_warnings.some((w) => w.territory_id === 'commune:52250'));
      const bad = await api.request('POST', people, 400, { token: anct.token, body: { territory: 'commune:52250', group: 'groupe_enquete', name: 'X' } });
      assert.match(bad.detail, /« group »/);
      await api.request('POST', people, 401, { body: { territory: 'commune:52250', group: 'elu', name: 'X' } });
      await api.request('POST', people, 403, { token: outsider.token, body: { territory: 'commune:52250', group: 'elu', name: 'X' } });
      await api.request('POST', url(99999999, '/people'), 404, { token: anct.token, body: { territory: 'commune:52250', group: 'elu', name: 'X' } });
      await api.request('POST', url(historic, '/people'), 409, { token: admin.token, body: { territory: 'commune:52250', group: 'elu', name: 'X' } });
      await api.request('POST', people, 415, { token: anct.token, raw: 'name=X', contentType: 'text/plain' });
    });

    test('PATCH …/phases/{position}: 200, 400, 401, 403, 404, 409, 415', async () => {
      const phase = url(partage.id, '/phases/2');
      const opened = await api.request('PATCH', phase, 200, { token: anct.token, body: { starts_on: '2026-03-01', ends_on: '2026-04-30', active: true } });
      assert.equal(opened.active_phase, 'Inscription des collectivités');
      const backwards = await api.request('PATCH', phase, 400, { token: anct.token, body: { starts_on: '2026-05-01', ends_on: '2026-04-30' } });
      assert.match(backwards.detail, /« ends_on »/);
      await api.request('PATCH', phase, 401, { body: { active: true } });
      await api.request('PATCH', phase, 403, { token: elue.token, body: { active: true } });
      await api.request('PATCH', url(partage.id, '/phases/99'), 404, { token: anct.token, body: { active: true } });
      await api.request('PATCH', url(historic, '/phases/1'), 409, { token: admin.token, body: { active: true } });
      await api.request('PATCH', phase, 415, { token: anct.token, raw: 'active=true', contentType: 'text/plain' });
    });

    test('registrations: five stakeholders, the sixth waits with its message, the ANCT arbitrates', async () => {
      const registrations = url(partage.id, '/registrations');
      for (let i = 0; i < 5; i += 1) {
        const r = await api.request('POST', registrations, 201, { token: elue.token, body: { organisation_id: org(i), role: 'stakeholder' } });
        assert.equal(r.role, 'stakeholder');
      }
      const sixth = await api.request('POST', registrations, 201, { token: elue.token, body: { organisation_id: org(5), role: 'stakeholder' } });
      assert.equal(sixth.role, 'waitlist');
      assert.match(sixth.message, /Les 5 places de partie prenante sont prises/);
      await api.request('POST', registrations, 201, { token: outsider.token, body: { organisation_id: outsider.organisations[0], role: 'observer' } });
      await api.request('POST', registrations, 409, { token: elue.token, body: { organisation_id: org(0), role: 'observer' } });
      const bad = await api.request('POST', registrations, 400, { token: elue.token, body: { organisation_id: org(0), role: 'spectatrice' } });
      assert.match(bad.detail, /« role »/);
      await api.request('POST', registrations, 401, { body: { organisation_id: org(0), role: 'observer' } });
      await api.request('POST', registrations, 403, { token: outsider.token, body: { organisation_id: org(0), role: 'observer' } });
      await api.request('POST', url(99999999, '/registrations'), 404, { token: elue.token, body: { organisation_id: org(0), role: 'observer' } });
      await api.request('POST', registrations, 415, { token: elue.token, raw: 'role=observer', contentType: 'text/plain' });
      const cohort = await api.request('GET', url(partage.id, '/cohort'), 200);
      assert.deepEqual([cohort.stakeholder_count, cohort.waitlist_count, cohort.observer_count], [5, 1, 1]);

      const arbitration = url(partage.id, `/registrations/${org(5)}/arbitration`);
      const full = await api.request('POST', arbitration, 409, { token: anct.token, body: { role: 'stakeholder' } });
      assert.match(full.detail, /libérez-en une/);
      await api.request('POST', arbitration, 400, { token: anct.token, body: { role: 'membre' } });
      await api.request('POST', arbitration, 401, { body: { role: 'observer' } });
      await api.request('POST', arbitration, 403, { token: elue.token, body: { role: 'observer' } });
      await api.request('POST', url(partage.id, `/registrations/${org(0)}/arbitration`), 404, { token: anct.token, body: { role: 'observer' } });
      await api.request('POST', arbitration, 415, { token: anct.token, raw: 'role=observer', contentType: 'text/plain' });
      const decided = await api.request('POST', arbitration, 200, { token: anct.token, body: { role: 'observer' } });
      assert.equal(decided.role, 'observer');
    });

    test('POST …/steps: 201, 400, 401, 403, 404, 409, 415', async () => {
      const steps = url(partage.id, '/steps');
      const adoption = { territory: 'commune:52250', step: 'adoption', done_on: '2026-06-12', reference: 'DEL-2026-042' };
      await api.request('POST', steps, 409, { token: elue.token, body: adoption });
      await api.request('PATCH', url(partage.id, '/phases/7'), 200, { token: anct.token, body: { active: true } });
      const recorded = await api.request('POST', steps, 201, { token: elue.token, body: adoption });
      assert.equal(recorded.step_records[0].reference, 'DEL-2026-042');
      const bad = await api.request('POST', steps, 400, { token: elue.token, body: { territory: 'commune:52250', step: 'adoption', done_on: '2026-06-12' } });
      assert.match(bad.detail, /« reference »/);
      await api.request('POST', steps, 401, { body: adoption });
      await api.request('POST', steps, 403, { token: outsider.token, body: adoption });
      await api.request('POST', url(99999999, '/steps'), 404, { token: elue.token, body: adoption });
      await api.request('POST', steps, 415, { token: elue.token, raw: 'step=adoption', contentType: 'text/plain' });
    });
  });
}
