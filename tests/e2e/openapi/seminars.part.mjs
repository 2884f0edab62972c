// Seminars and deliverables of a programme in the API (issue 7, item 9): the calendar read
// by all, generated and edited by the ANCT that runs the programme, registrations and
// attendance; deliverables uploaded by their territory (the file as the body), validated and
// published by the ANCT, downloaded by all once published, and an ingénierie sur mesure
// request opened from one.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';

export const operations = [
  'GET /api/v1/programmes/{programme}/seminars',
  'POST /api/v1/programmes/{programme}/seminars/generation',
  'GET /api/v1/programmes/{programme}/seminars/{seminar}',
  'PATCH /api/v1/programmes/{programme}/seminars/{seminar}',
  'POST /api/v1/programmes/{programme}/seminars/{seminar}/registrations',
  'POST /api/v1/programmes/{programme}/seminars/{seminar}/attendance',
  'GET /api/v1/programmes/{programme}/deliverables',
  'POST /api/v1/programmes/{programme}/deliverables',
  'GET /api/v1/programmes/{programme}/deliverables/{deliverable}',
  'GET /api/v1/programmes/{programme}/deliverables/{deliverable}/file',
  'POST /api/v1/programmes/{programme}/deliverables/{deliverable}/status',
  'POST /api/v1/programmes/{programme}/deliverables/{deliverable}/requests',
];

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Title (Vision prospective) >> endobj\ntrailer << >>\n%%EOF\n');
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);
const badToken = 'bsl_inconnu';

export default function register(api) {
  let programme;  // a Fabrique with four territories
  let empty;      // a Fabrique without territories
  let anct;
  let joinville;
  let chaumont;
  const base = (id = programme) => `/api/v1/programmes/${id}`;

  describe('seminars and deliverables', () => {
    before(() => {
      anct = api.person({ email: 'pvi.seminaires@anct.gouv.fr', organisations: [{ kind: 'anct', name: 'ANCT — séminaires' }] });
      joinville = api.person({
        email: 'elue.seminaires@joinville.fr',
        organisations: [{ kind: 'collectivite', name: 'Joinville (séminaires)', territory: 'commune:52250' }],
      });
      chaumont = api.person({
        email: 'agent.seminaires@chaumont.fr',
        organisations: [{ kind: 'collectivite', name: 'Chaumont (séminaires)', territory: 'commune:52121' }],
      });
      const insert = (slug) => Number(api.sql(`INSERT INTO programmes (slug, type, title, year, organisation_id, starts_on, created_at)
        VALUES (${api.quote(slug)}, 'fabrique', 'Sobriété foncière 2027', 2027, ${anct.organisations[0]}, '2027-01-15', '2026-12-01T09:00:00Z');
        SELECT MAX(id) FROM programmes;`));
      programme = insert('fabrique-api-seminaires');
      empty = insert('fabrique-api-sans-territoires');
      for (const code of ['52250', '52121', '52448', '52001']) {
        api.sql(`INSERT INTO programme_territories (programme_id, territory_id, status, origin, created_at)
          VALUES (${programme}, 'commune:${code}', 'selected', 'anct', '2026-12-01T09:00:00Z');`);
      }
      api.sql(`INSERT INTO programme_phases (programme_id, position, key, starts_on, ends_on, active) VALUES
        (${programme}, 1, 'propositions', '', '', 0), (${programme}, 2, 'constitution', '', '', 0),
        (${programme}, 3, 'accompagnement', '', '', 1), (${programme}, 4, 'livrables', '', '', 0),
        (${programme}, 5, 'suivi', '', '', 0);`);
    });

    test('seminars: generated, read, edited, registrations and attendance; every refusal', async () => {
      const generation = `${base()}/seminars/generation`;
      await api.request('POST', generation, 401);
      await api.request('POST', generation, 403, { token: joinville.token });
      // Without a programme there is no pilot: only a platform admin reaches the 404.
      const admin = api.person({ email: 'admin.seminaires@boussole.fr', platformAdmin: true });
      await api.request('POST', `${base(999999)}/seminars/generation`, 404, { token: admin.token });
      await api.request('POST', `${base(empty)}/seminars/generation`, 400, { token: anct.token });
      const generated = await api.request('POST', generation, 201, { token: anct.token });
      assert.equal(generated.seminars.filter((s) => s.kind === 'local').length, 16);
      assert.equal(generated.seminars.filter((s) => s.kind === 'intersite').length, 4);
      await api.request('POST', generation, 409, { token: anct.token });

      const list = await api.request('GET', `${base()}/seminars`, 200);
      assert.equal(list.ics_url, `/programmes/${programme}/calendrier.ics`);
      assert.equal(list.seminars[0].registrations, undefined);
      await api.request('GET', `${base()}/seminars`, 401, { token: badToken });
      await api.request('GET', `${base(999999)}/seminars`, 404);

      const one = `${base()}/seminars/${list.seminars[0].id}`;
      const edited = await api.request('PATCH', one, 200, {
        token: anct.token, body: { date: '2027-02-04', time: '09:30', place: 'Mairie de Joinville', capacity: 1 },
      });
      assert.equal(edited.starts_at, '2027-02-04T08:30:00Z');
      assert.equal(edited.seats_left, 1);
      const bad = await api.request('PATCH', one, 400, { token: anct.token, body: { date: '2027-13-45', time: '09:30' } });
      assert.match(bad.detail, /« date »/);
      await api.request('PATCH', one, 401, { body: { place: 'X' } });
      await api.request('PATCH', one, 403, { token: joinville.token, body: { place: 'X' } });
      await api.request('PATCH', `${base()}/seminars/999999`, 404, { token: anct.token, body: { place: 'X' } });
      await api.request('PATCH', one, 415, { token: anct.token, raw: 'place=X', contentType: 'text/plain' });

      const seat = await api.request('POST', `${one}/registrations`, 201, { token: joinville.token });
      assert.equal(seat.registered_self, true);
      assert.equal(seat.seats_left, 0);
      await api.request('POST', `${one}/registrations`, 409, { token: chaumont.token });
      await api.request('POST', `${one}/registrations`, 401);
      await api.request('POST', `${base()}/seminars/999999/registrations`, 404, { token: chaumont.token });
      const grown = await api.request('PATCH', one, 200, { token: anct.token, body: { capacity: 3 } });
      assert.equal(grown.registrations.length, 1);

      const attendance = `${one}/attendance`;
      const came = await api.request('POST', attendance, 200, { token: anct.token, body: { user_id: joinville.userId, attended: true } });
      assert.deepEqual(came.registrations.map((r) => [r.user_id, r.attended]), [[joinville.userId, true]]);
      await api.request('POST', attendance, 400, { token: anct.token, body: { user_id: joinville.userId } });
      await api.request('POST', attendance, 401, { body: { user_id: 1, attended: true } });
      await api.request('POST', attendance, 403, { token: joinville.token, body: { user_id: joinville.userId, attended: true } });
      await api.request('POST', attendance, 404, { token: anct.token, body: { user_id: chaumont.userId, attended: true } });
      await api.request('POST', attendance, 415, { token: anct.token, raw: 'attended=oui', contentType: 'text/plain' });

      // Fewer places than people registered: 409.
      await api.request('POST', `${one}/registrations`, 201, { token: chaumont.token });
      const shrink = await api.request('PATCH', one, 409, { token: anct.token, body: { capacity: 1 } });
      assert.match(shrink.detail, /2 personnes sont déjà inscrites/);

      assert.equal((await api.request('GET', one, 200)).registered, 2);
      assert.equal((await api.request('GET', one, 200, { token: anct.token })).registrations.length, 2);
      await api.request('GET', one, 401, { token: badToken });
      await api.request('GET', `${base()}/seminars/999999`, 404);
    });

    test('deliverables: uploaded, versioned, published, downloaded, a request opened from one; every refusal', async () => {
      const deliverables = `${base()}/deliverables`;
      const upload = (query = 'territoire=commune:52250&titre=Programme%20d%27actions%20d%C3%A9taill%C3%A9&actions=Cr%C3%A9er%20une%20maison%20de%20sant%C3%A9&nom=programme.pdf') =>
        `${deliverables}?${query}`;
      const send = (target, status, who, raw = pdf) =>
        api.request('POST', target, status, { token: who?.token, raw, contentType: 'application/octet-stream' });

      const early = await send(upload(), 409, joinville);
      assert.match(early.detail, /Les livrables se déposent pendant la phase/);
      api.sql(`UPDATE programme_phases SET active = CASE position WHEN 4 THEN 1 ELSE 0 END WHERE programme_id = ${programme};`);
      const v1 = await send(upload(), 201, joinville);
      assert.equal(v1.version, 1);
      assert.equal(v1.status, 'submitted');
      const v2 = await send(upload(), 201, joinville, Buffer.concat([pdf, Buffer.from('%v2\n')]));
      assert.equal(v2.version, 2);
      const refused = await send(upload(), 400, joinville, elf);
      assert.match(refused.detail, /« corps »/);
      await send(upload('territoire=commune:52250&titre=Autre&nom=x.pdf'), 400, joinville);
      await send(upload(), 401);
      await send(upload(), 403, chaumont);
      await send(`${base(999999)}/deliverables?territoire=commune:52250&titre=X&nom=x.pdf`, 404, joinville);
      await send(upload(), 413, joinville, Buffer.alloc(20 * 1024 * 1024 + 1, 0x25));
      assert.equal(api.sql(`SELECT COUNT(*) FROM deliverables WHERE programme_id = ${programme}`), '2');

      // Unpublished: the territory and the ANCT only.
      assert.equal((await api.request('GET', deliverables, 200)).deliverables.length, 0);
      assert.equal((await api.request('GET', deliverables, 200, { token: joinville.token })).deliverables.length, 2);
      await api.request('GET', deliverables, 401, { token: badToken });
      await api.request('GET', `${base(999999)}/deliverables`, 404);
      await api.request('GET', v2.url, 404);
      assert.equal((await api.request('GET', v2.url, 200, { token: joinville.token })).version, 2);
      await api.request('GET', v2.url, 401, { token: badToken });
      await api.request('GET', v2.file_url, 404);
      await api.request('GET', v2.file_url, 401, { token: badToken });
      await api.request('GET', v2.file_url, 200, { token: anct.token });

      // A request from it once validated, by its territory's collectivité only.
      const from = `${v2.url}/requests`;
      await api.request('POST', from, 409, { token: joinville.token, body: {} });

      const status = `${v2.url}/status`;
      await api.request('POST', status, 409, { token: anct.token, body: { status: 'published' } });
      await api.request('POST', status, 400, { token: anct.token, body: { status: 'ok' } });
      await api.request('POST', status, 401, { body: { status: 'validated' } });
      await api.request('POST', status, 403, { token: joinville.token, body: { status: 'validated' } });
      await api.request('POST', `${deliverables}/999999/status`, 404, { token: anct.token, body: { status: 'validated' } });
      await api.request('POST', status, 415, { token: anct.token, raw: 'status=validated', contentType: 'text/plain' });
      await api.request('POST', status, 200, { token: anct.token, body: { status: 'validated' } });
      const published = await api.request('POST', status, 200, { token: anct.token, body: { status: 'published' } });
      assert.equal(published.status, 'published');
      assert.equal(await api.request('GET', v2.file_url, 200), `${pdf}%v2\n`);

      await api.request('POST', from, 403, { token: chaumont.token, body: {} });
      await api.request('POST', from, 401, { body: {} });
      await api.request('POST', `${deliverables}/999999/requests`, 404, { token: joinville.token, body: {} });
      const wrong = await api.request('POST', from, 400, { token: joinville.token, body: { workflow: 'inconnu' } });
      assert.match(wrong.detail, /« workflow »/);
      await api.request('POST', from, 415, { token: joinville.token, raw: 'title=x', contentType: 'text/plain' });
      const opened = await api.request('POST', from, 201, { token: joinville.token, body: {} });
      assert.equal(opened.state, 'brouillon');
      assert.match(opened.title, /^Mise en œuvre : Programme d'actions détaillé/);
      assert.deepEqual((await api.request('GET', v2.url, 200, { token: joinville.token })).request_ids, [opened.id]);
    });
  });
}
