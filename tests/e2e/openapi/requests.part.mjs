// The request ("saisine") operations of the API (issue 6, item 7): list and read, create a
// draft, take steps with the optimistic version (409 naming the state and the next steps),
// comment, attach and download files, the dashboard's figures, the ANCT's annual envelopes,
// and the directory of engineering resources.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

export const operations = [
  'GET /api/v1/requests', 'GET /api/v1/requests/{request}', 'POST /api/v1/organisations/{organisation}/requests',
  'POST /api/v1/requests/{request}/transitions', 'POST /api/v1/requests/{request}/comments',
  'POST /api/v1/requests/{request}/files', 'GET /api/v1/requests/{request}/files/{file}',
  'GET /api/v1/requests/dashboard', 'GET /api/v1/requests/budgets', 'PUT /api/v1/requests/budgets/{year}',
  'GET /api/v1/resources', 'POST /api/v1/resources',
  // Editing a draft; editing and withdrawing a structure of the directory.
  'PUT /api/v1/requests/{request}', 'PUT /api/v1/resources/{resource}', 'DELETE /api/v1/resources/{resource}',
];

const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Title (Plan guide) >> endobj\ntrailer << >>\n%%EOF\n');
const elf = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(56)]);

export default function register(api) {
  // The people of one request, made once.
  let people;
  const cast = () => {
    people ??= {
      commune: api.person({ email: 'maire.api@joinville.fr', organisations: [{ kind: 'collectivite', name: 'Commune de Joinville (API)', territory: 'commune:52250', role: 'admin' }] }),
      marne: api.person({ email: 'agent.api@haute-marne.gouv.fr', organisations: [{ kind: 'delegation_territoriale', name: 'Préfecture de la Haute-Marne (API)', territory: 'departement:52' }] }),
      savoie: api.person({ email: 'agent.api@savoie.gouv.fr', organisations: [{ kind: 'delegation_territoriale', name: 'Préfecture de la Savoie (API)', territory: 'departement:73' }] }),
      anct: api.person({ email: 'charge.api@anct.gouv.fr', organisations: [{ kind: 'anct', name: 'ANCT (API)' }] }),
      outsider: api.person({ email: 'personne.api@example.fr' }),
    };
    return people;
  };
  let request;  // the request the steps walk
  let file;     // its attachment
  const step = (who, transition, status, fields = {}, version = request.version) =>
    api.request('POST', `/api/v1/requests/${request.id}/transitions`, status, { token: who.token, body: { transition, version, fields } });

  describe('requests', () => {
    test('POST /api/v1/organisations/{organisation}/requests: 201, 400, 401, 403, 404, 415', async () => {
      const { commune, marne } = cast();
      const org = commune.organisations[0];
      request = await api.request('POST', `/api/v1/organisations/${org}/requests`, 201, {
        token: commune.token, body: { workflow: 'anct', title: 'Revitaliser le centre-bourg', besoin: 'Un plan guide', deja_tente: 'Une étude en 2019' },
      });
      assert.equal(request.state, 'brouillon');
      assert.equal(request.version, 1);
      assert.equal(request.trail[0].kind, 'created');
      const bad = await api.request('POST', `/api/v1/organisations/${org}/requests`, 400, { token: commune.token, body: { workflow: 'inconnu', title: 'X' } });
      assert.match(bad.detail, /circuit/);
      await api.request('POST', `/api/v1/organisations/${org}/requests`, 400, { token: commune.token, body: { workflow: 'anct', title: 'X', couleur: 'bleu' } });
      await api.request('POST', `/api/v1/organisations/${org}/requests`, 401, { body: { workflow: 'anct', title: 'X' } });
      await api.request('POST', `/api/v1/organisations/${org}/requests`, 403, { token: marne.token, body: { workflow: 'anct', title: 'X' } });
      await api.request('POST', `/api/v1/organisations/${marne.organisations[0]}/requests`, 404, { token: marne.token, body: { workflow: 'anct', title: 'X' } });
      await api.request('POST', `/api/v1/organisations/${org}/requests`, 415, { token: commune.token, raw: 'workflow=anct', contentType: 'application/x-www-form-urlencoded' });
    });

    test('GET /api/v1/requests and /api/v1/requests/{request}: 200, 401, 403, 404', async () => {
      const { commune, savoie } = cast();
      const list = await api.request('GET', '/api/v1/requests', 200, { token: commune.token });
      assert.ok(list.requests.some((r) => r.id === request.id));
      assert.equal((await api.request('GET', '/api/v1/requests', 200, { token: savoie.token })).requests.length, 0);
      await api.request('GET', '/api/v1/requests', 401);
      assert.equal((await api.request('GET', `/api/v1/requests/${request.id}`, 200, { token: commune.token })).title, 'Revitaliser le centre-bourg');
      await api.request('GET', `/api/v1/requests/${request.id}`, 401);
      await api.request('GET', `/api/v1/requests/${request.id}`, 403, { token: savoie.token });
      await api.request('GET', '/api/v1/requests/99999999', 404, { token: commune.token });
      await api.request('GET', '/api/v1/requests/abc', 404, { token: savoie.token });
    });

    test('POST /api/v1/requests/{request}/transitions: 200, 400, 401, 403, 404, 409, 415', async () => {
      const { commune, marne, anct, savoie } = cast();
      // Not from a draft: 409 naming the state and the next steps.
      const wrong = await step(commune, 'cloturer', 409);
      assert.match(wrong.detail, /« Brouillon »/);
      assert.match(wrong.detail, /Déposer la demande/);
      request = await step(commune, 'deposer', 200, { besoin: 'Un plan guide', deja_tente: 'Une étude' });
      assert.equal(request.state, 'deposee');
      assert.equal(request.version, 2);
      // A stale version: 409, nothing written.
      const stale = await step(marne, 'prendre_en_charge', 409, { referent: 'M. Référent' }, 1);
      assert.match(stale.detail, /« Déposée »/);
      assert.match(stale.detail, /Prendre en charge/);
      await step(commune, 'prendre_en_charge', 403, { referent: 'X' });  // the préfecture's step
      await step(savoie, 'prendre_en_charge', 403, { referent: 'X' });
      await api.request('POST', '/api/v1/requests/99999999/transitions', 404, { token: marne.token, body: { transition: 'x', version: 1 } });
      await api.request('POST', `/api/v1/requests/${request.id}/transitions`, 401, { body: { transition: 'prendre_en_charge', version: 2 } });
      await api.request('POST', `/api/v1/requests/${request.id}/transitions`, 415, { token: marne.token, raw: 'transition=x', contentType: 'text/plain' });
      const missing = await step(marne, 'prendre_en_charge', 400);
      assert.match(missing.detail, /Référent/);
      await api.request('POST', `/api/v1/requests/${request.id}/transitions`, 400, { token: marne.token, body: { transition: 'prendre_en_charge', version: 2, fields: { inconnu: 'x' } } });
      request = await step(marne, 'prendre_en_charge', 200, { referent: 'M. Référent' });
      request = await step(marne, 'examiner', 200);
      request = await step(marne, 'transmettre', 200, { justifications: ['fragilite', 'innovant_complexe'] });
      request = await step(anct, 'instruire', 200, { charge_de_mission: 'Mme Chargée', echange: 'Échange avec le maire' });
      request = await step(anct, 'definir_reponse', 200, { mode: 'marche_ingenierie', cout_euros: 30000 });
      request = await step(anct, 'engager', 200);
      request = await step(anct, 'demarrer', 200);
      assert.equal(request.state, 'en_cours');
      assert.equal(request.cost.total_euros, 30000);
    });

    test('POST /api/v1/requests/{request}/files and GET …/files/{file}: 201, 200, 400, 401, 403, 404', async () => {
      const { commune, anct, savoie } = cast();
      file = await api.request('POST', `/api/v1/requests/${request.id}/files?nom=plan-guide.pdf`, 201, { token: anct.token, raw: pdf, contentType: 'application/octet-stream' });
      assert.equal(file.content_type, 'application/pdf');
      assert.equal(file.sha256.length, 64);
      const refused = await api.request('POST', `/api/v1/requests/${request.id}/files?nom=plan.pdf`, 400, { token: anct.token, raw: elf, contentType: 'application/pdf' });
      assert.match(refused.detail, /exécutable/);
      await api.request('POST', `/api/v1/requests/${request.id}/files`, 400, { token: anct.token, raw: pdf, contentType: 'application/pdf' });
      await api.request('POST', `/api/v1/requests/${request.id}/files?nom=plan.pdf`, 401, { raw: pdf, contentType: 'application/pdf' });
      await api.request('POST', `/api/v1/requests/${request.id}/files?nom=plan.pdf`, 403, { token: savoie.token, raw: pdf, contentType: 'application/pdf' });
      await api.request('POST', `/api/v1/requests/99999999/files?nom=plan.pdf`, 404, { token: anct.token, raw: pdf, contentType: 'application/pdf' });
      const bytes = await api.request('GET', file.url, 200, { token: commune.token });
      assert.equal(bytes, pdf.toString());
      await api.request('GET', file.url, 401);
      await api.request('GET', file.url, 403, { token: savoie.token });
      await api.request('GET', `/api/v1/requests/${request.id}/files/99999999`, 404, { token: commune.token });
      // The deliverable is the file already attached, named by its id.
      request = await step(anct, 'livrer', 200, { livrable: file.id });
      request = await step(anct, 'cloturer', 200, { bilan: 'Plan guide remis' });
      assert.equal(request.state, 'cloturee');
      assert.equal(request.cost.collectivite_euros, 0, 'Joinville has fewer than 3 500 inhabitants');
    });

    test('POST /api/v1/requests/{request}/comments: 201, 400, 401, 403, 404, 415', async () => {
      const { commune, savoie } = cast();
      const after = await api.request('POST', `/api/v1/requests/${request.id}/comments`, 201, { token: commune.token, body: { text: 'Merci pour le plan guide.' } });
      assert.equal(after.trail.at(-1).kind, 'comment');
      await api.request('POST', `/api/v1/requests/${request.id}/comments`, 400, { token: commune.token, body: { text: '   ' } });
      await api.request('POST', `/api/v1/requests/${request.id}/comments`, 401, { body: { text: 'x' } });
      await api.request('POST', `/api/v1/requests/${request.id}/comments`, 403, { token: savoie.token, body: { text: 'x' } });
      await api.request('POST', '/api/v1/requests/99999999/comments', 404, { token: commune.token, body: { text: 'x' } });
      await api.request('POST', `/api/v1/requests/${request.id}/comments`, 415, { token: commune.token, raw: 'text=x', contentType: 'text/plain' });
    });
  });

  describe('dashboard and budgets', () => {
    test('GET /api/v1/requests/dashboard: 200, 401, 403', async () => {
      const { anct, marne, commune } = cast();
      const national = await api.request('GET', '/api/v1/requests/dashboard', 200, { token: anct.token });
      assert.equal(national.national, true);
      const counted = Number(api.sql("SELECT COUNT(*) FROM requests WHERE workflow = 'anct' AND state = 'cloturee'"));
      assert.equal(national.rows.find((r) => r.section === 'etat' && r.key === 'anct/cloturee').value, counted);
      const local = await api.request('GET', '/api/v1/requests/dashboard', 200, { token: marne.token });
      assert.deepEqual(local.departements, ['departement:52']);
      await api.request('GET', '/api/v1/requests/dashboard', 401);
      await api.request('GET', '/api/v1/requests/dashboard', 403, { token: commune.token });
    });

    test('GET /api/v1/requests/budgets and PUT …/{year}: 200, 400, 401, 403, 415', async () => {
      const { anct, marne } = cast();
      const before = await api.request('GET', '/api/v1/requests/budgets', 200, { token: anct.token });
      assert.deepEqual(before.budgets.find((b) => b.year === 2021), { year: 2021, envelope_euros: 20000000, origin: 'default', committed_euros: 0, remaining_euros: 20000000 });
      const saved = await api.request('PUT', '/api/v1/requests/budgets/2031', 200, { token: anct.token, body: { amount_euros: 25000000 } });
      assert.equal(saved.origin, 'stored');
      assert.equal(saved.envelope_euros, 25000000);
      assert.equal(api.sql('SELECT amount_euros FROM engineering_budgets WHERE year = 2031'), '25000000');
      const badYear = await api.request('PUT', '/api/v1/requests/budgets/1999', 400, { token: anct.token, body: { amount_euros: 1 } });
      assert.match(badYear.detail, /année/);
      await api.request('PUT', '/api/v1/requests/budgets/2031', 400, { token: anct.token, body: { amount_euros: -1 } });
      await api.request('PUT', '/api/v1/requests/budgets/2031', 401, { body: { amount_euros: 1 } });
      await api.request('PUT', '/api/v1/requests/budgets/2031', 403, { token: marne.token, body: { amount_euros: 1 } });
      await api.request('PUT', '/api/v1/requests/budgets/2031', 415, { token: anct.token, raw: '1', contentType: 'text/plain' });
      await api.request('GET', '/api/v1/requests/budgets', 401);
      await api.request('GET', '/api/v1/requests/budgets', 403, { token: marne.token });
      assert.equal(api.sql('SELECT amount_euros FROM engineering_budgets WHERE year = 2031'), '25000000');
    });
  });

  describe('directory of engineering resources', () => {
    test('GET /api/v1/resources and POST: 200, 201, 400, 401, 403, 415', async () => {
      const { marne, savoie, commune, anct } = cast();
      const added = await api.request('POST', '/api/v1/resources', 201, {
        token: marne.token, body: { name: 'ATD de la Haute-Marne (API)', kind: 'agence_technique', territories: ['52'], contact: 'atd52@example.fr' },
      });
      assert.ok(added.id > 0);
      const outside = await api.request('POST', '/api/v1/resources', 400, { token: savoie.token, body: { name: 'Intrus', kind: 'caue', territories: ['52250'] } });
      assert.match(outside.detail, /pas dans votre département/);
      await api.request('POST', '/api/v1/resources', 400, { token: marne.token, body: { name: 'Intrus', kind: 'caue', national: true } });
      await api.request('POST', '/api/v1/resources', 401, { body: { name: 'X', kind: 'caue' } });
      await api.request('POST', '/api/v1/resources', 403, { token: commune.token, body: { name: 'X', kind: 'caue', territories: ['52250'] } });
      await api.request('POST', '/api/v1/resources', 415, { token: anct.token, raw: 'name=X', contentType: 'text/plain' });
      const joinville = await api.request('GET', '/api/v1/resources?territoire=52250', 200, { token: commune.token });
      assert.ok(joinville.resources.some((r) => r.name === 'ATD de la Haute-Marne (API)'));
      const savoieList = await api.request('GET', '/api/v1/resources?territoire=73179', 200, { token: commune.token });
      assert.ok(!savoieList.resources.some((r) => r.name === 'ATD de la Haute-Marne (API)'));
      await api.request('GET', '/api/v1/resources?territoire=00000', 400, { token: commune.token });
      await api.request('GET', '/api/v1/resources', 401);
    });
  });

  // Editing a draft (its collectivité only, from the version read, only as a draft), and
  // editing and withdrawing a structure of the directory (its keeper only).
  describe('draft edits and directory upkeep', () => {
    test('PUT /api/v1/requests/{request}: 200, 400, 401, 403, 404, 409, 415', async () => {
      const { commune, marne, savoie } = cast();
      const org = commune.organisations[0];
      const draft = await api.request('POST', `/api/v1/organisations/${org}/requests`, 201, {
        token: commune.token, body: { workflow: 'anct', title: 'Un premier jet', besoin: 'Un diagnostic' },
      });
      const url = `/api/v1/requests/${draft.id}`;
      const body = { version: 1, workflow: 'anct', title: 'Requalifier la friche', besoin: 'Un diagnostic foncier', deja_tente: 'Rien' };
      const edited = await api.request('PUT', url, 200, { token: commune.token, body });
      assert.equal(edited.title, 'Requalifier la friche');
      assert.equal(edited.version, 2);
      assert.equal(edited.trail.at(-1).kind, 'edited');
      const stale = await api.request('PUT', url, 409, { token: commune.token, body });
      assert.match(stale.detail, /version 2/);
      const bad = await api.request('PUT', url, 400, { token: commune.token, body: { ...body, version: 2, title: '' } });
      assert.match(bad.detail, /« title »/);
      await api.request('PUT', url, 400, { token: commune.token, body: { ...body, version: 2, etat: 'deposee' } });
      await api.request('PUT', url, 401, { body: { ...body, version: 2 } });
      await api.request('PUT', url, 403, { token: marne.token, body: { ...body, version: 2 } });
      await api.request('PUT', url, 403, { token: savoie.token, body: { ...body, version: 2 } });
      await api.request('PUT', '/api/v1/requests/99999999', 404, { token: commune.token, body: { ...body, version: 2 } });
      await api.request('PUT', url, 415, { token: commune.token, raw: 'title=x', contentType: 'text/plain' });
      assert.equal(api.sql(`SELECT title FROM requests WHERE id = ${draft.id}`), 'Requalifier la friche');
      // Deposited: no longer a draft.
      await api.request('POST', `${url}/transitions`, 200, { token: commune.token, body: { transition: 'deposer', version: 2, fields: { besoin: 'x', deja_tente: 'y' } } });
      const late = await api.request('PUT', url, 409, { token: commune.token, body: { ...body, version: 3 } });
      assert.match(late.detail, /« Déposée »/);
    });

    test('PUT and DELETE /api/v1/resources/{resource}: 200, 204, 400, 401, 403, 404, 415', async () => {
      const { marne, savoie, commune, anct } = cast();
      const added = await api.request('POST', '/api/v1/resources', 201, {
        token: marne.token, body: { name: 'CAUE de la Haute-Marne (API)', kind: 'caue', territories: ['52'] },
      });
      const url = `/api/v1/resources/${added.id}`;
      const body = { name: 'CAUE 52 (API)', kind: 'caue', themes: ['mobilite-transports'], territories: ['52'], contact: 'caue52@example.fr' };
      const edited = await api.request('PUT', url, 200, { token: marne.token, body });
      assert.equal(edited.name, 'CAUE 52 (API)');
      assert.equal(edited.contact, 'caue52@example.fr');
      const outside = await api.request('PUT', url, 400, { token: marne.token, body: { ...body, territories: ['73179'] } });
      assert.match(outside.detail, /pas dans votre département/);
      await api.request('PUT', url, 401, { body });
      await api.request('PUT', url, 403, { token: savoie.token, body });
      await api.request('PUT', url, 403, { token: commune.token, body });
      await api.request('PUT', '/api/v1/resources/99999999', 404, { token: anct.token, body });
      await api.request('PUT', url, 415, { token: marne.token, raw: 'name=x', contentType: 'text/plain' });
      await api.request('DELETE', url, 401);
      await api.request('DELETE', url, 403, { token: savoie.token });
      await api.request('DELETE', url, 204, { token: anct.token });
      await api.request('DELETE', url, 404, { token: marne.token });
      const listed = await api.request('GET', '/api/v1/resources?territoire=52250', 200, { token: commune.token });
      assert.ok(!listed.resources.some((r) => r.id === added.id), 'withdrawn: no longer listed');
      assert.notEqual(api.sql(`SELECT withdrawn_at FROM engineering_resources WHERE id = ${added.id}`), '', 'kept, withdrawn');
    });
  });
}
