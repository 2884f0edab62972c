// Collective programmes in a real Chromium without JavaScript (issue 7). An agent of the
// ANCT creates a 2026 Fabrique prospective, proposes nine communes and selects them: the 9th
// is refused with a clear message; with 5 territories the Fabrique generates 20 local
// seminars of 4 h and 4 intersite seminars of 5 h, and its calendar downloads as valid
// iCalendar; a deliverable is uploaded, validated and published on the public page. A
// projet partagé takes themes through support, ranking and selection, then enrols 5
// stakeholders and 12 observers and puts a 6th candidate stakeholder on the waitlist with a
// clear message. axe-core audits the pages in a JavaScript context.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { openSession } from './support/session.mjs';

let dir;
let database;
let session;

// Communes of Haute-Marne (COG), for the cohorts and the collectivités.
const COMMUNES = ['52250', '52121', '52448', '52001', '52002', '52003', '52004', '52005', '52006', '52007', '52008',
  '52009', '52011', '52012', '52013', '52014', '52015', '52016'];

const sql = (statement) => execFileSync('sqlite3', [database, statement], { encoding: 'utf8' }).trim();

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'boussole-e2e-programmes-'));
  database = join(dir, 'boussole.db');
  copyFileSync(process.env.BOUSSOLE_TEST_DB, database);
  sql("INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('anct', 'ANCT — pôle Prospective Veille Innovation', NULL, '2026-11-25T00:00:00Z')");
  for (const code of COMMUNES) {
    sql(`INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('collectivite', 'Commune ${code}', 'commune:${code}', '2026-11-25T00:00:00Z')`);
  }
  session = await openSession('boussole-e2e-programmes-', { databaseUrl: `sqlite://${database}`, env: { BOUSSOLE_FILES_DIR: join(dir, 'files') } });
});

after(async () => {
  try {
    await session?.close();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

const submit = (page, name) => session.submit(page, name);

// Signs up through the forms, confirms by mail, joins `organisations` (SQL conditions on
// organisations), signs in.
async function signIn(page, email, name, organisations) {
  await page.goto('/compte/inscription');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Prénom et nom').fill(name);
  await page.locator('#champ-password').fill('un mot de passe solide');
  await page.locator('#champ-password_confirmation').fill('un mot de passe solide');
  await submit(page, 'Créer mon compte');
  const mail = await session.sink.waitForMail((m) => m.to.includes(email), 10_000);
  const link = new URL(/https?:\/\/\S+\/compte\/confirmation\?jeton=[A-Za-z0-9_-]+/.exec(mail.text)[0]);
  await page.goto(link.pathname + link.search);
  await submit(page, 'Confirmer mon adresse');
  sql(`INSERT INTO memberships (organisation_id, user_id, role, created_at) SELECT o.id, u.id, 'member', '2026-11-25T00:00:00Z' FROM organisations o, users u WHERE u.email = '${email}' AND (${organisations})`);
  await page.goto('/compte/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill('un mot de passe solide');
  await submit(page, 'Se connecter');
}

async function createProgramme(page, type, title, startsOn) {
  const anct = sql("SELECT id FROM organisations WHERE kind = 'anct'");
  await page.goto(`/organisations/${anct}/programmes/nouveau`);
  await page.getByLabel('Type de programme').selectOption(type);
  await page.getByLabel('Thème ou intitulé').fill(title);
  await page.getByLabel('Année').fill('2026');
  if (startsOn) await page.locator('#programme-starts_on').fill(startsOn);
  await submit(page, 'Créer le programme');
  const path = new URL(page.url()).pathname;
  assert.match(path, /^\/programmes\/\d+$/);
  return path;
}

// RFC 5545 checks on the text: CRLF everywhere, no physical line over 75 octets, balanced
// components, UID/DTSTAMP/DTSTART on every event. Returns the events' lengths in minutes.
function checkIcs(text) {
  assert.ok(text.startsWith('BEGIN:VCALENDAR\r\n') && text.endsWith('END:VCALENDAR\r\n'));
  const physical = text.split('\r\n');
  assert.equal(physical.pop(), '');
  for (const line of physical) {
    assert.ok(!line.includes('\n') && !line.includes('\r'), 'bare line end');
    assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `line longer than 75 octets: ${line}`);
  }
  const lines = text.replace(/\r\n[ \t]/g, '').split('\r\n');
  const stamp = (v) => Date.UTC(+v.slice(0, 4), +v.slice(4, 6) - 1, +v.slice(6, 8), +v.slice(9, 11), +v.slice(11, 13));
  const lengths = [];
  let event = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') event = {};
    else if (line === 'END:VEVENT') {
      for (const key of ['UID', 'DTSTAMP', 'DTSTART']) assert.ok(event[key], `VEVENT without ${key}`);
      assert.match(event.DTSTART, /^\d{8}T\d{6}Z$/);
      if (event.DTEND) lengths.push((stamp(event.DTEND) - stamp(event.DTSTART)) / 60000);
      event = null;
    } else if (event) {
      const colon = line.indexOf(':');
      event[line.slice(0, colon)] = line.slice(colon + 1);
    }
  }
  return lengths;
}

describe('programmes', () => {
  test('a 2026 Fabrique: a 9th territory refused, 20 + 4 seminars, a valid .ics, a deliverable published', async () => {
    const page = await session.context.newPage();
    try {
      await signIn(page, 'pvi@anct.gouv.fr', 'Agent PVI', "kind = 'anct'");
      const programme = await createProgramme(page, 'fabrique', 'Sobriété foncière et centralités', '2026-01-15');
      for (const code of COMMUNES.slice(0, 9)) {
        await page.goto(programme);
        await page.locator('#territoire-code').fill(code);
        await submit(page, 'Proposer ce territoire');
        assert.match(await page.locator('#programme-message').innerText(), /Le territoire est proposé/);
      }
      for (let i = 0; i < 8; i += 1) await submit(page, /^Sélectionner /);
      assert.equal(await page.locator('#liste-territoires > li').count(), 8);
      await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: /^Sélectionner / }).click()]);
      const refusal = await page.locator('main').innerText();
      assert.match(refusal, /Ce territoire n.a pas été retenu : une Fabrique prospective réunit 4 à 8 territoires, et 8 sont déjà sélectionnés/);
      await page.goto(programme);
      for (let i = 0; i < 3; i += 1) await submit(page, 'Retirer');
      assert.equal(await page.locator('#liste-territoires > li').count(), 5);

      await submit(page, 'Générer les séminaires du programme');
      assert.equal(await page.locator('#liste-seminaires tr[data-kind="local"][data-minutes="240"]').count(), 20);
      assert.equal(await page.locator('#liste-seminaires tr[data-kind="intersite"][data-minutes="300"]').count(), 4);
      assert.match(await page.locator('#compte-seminaires').innerText(), /20 séminaires locaux, 4 séminaires intersites/);

      const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#lien-ics').click()]);
      const chunks = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk);
      const lengths = checkIcs(Buffer.concat(chunks).toString('utf8'));
      assert.equal(lengths.filter((m) => m === 240).length, 20);
      assert.equal(lengths.filter((m) => m === 300).length, 4);

      // Deliverables open with their phase.
      await page.goto(programme);
      await submit(page, 'Ouvrir la phase « Livrables et publication »');
      await page.getByLabel('Livrable', { exact: true }).selectOption('Vision prospective');
      await page.locator('#livrable-fichier').setInputFiles({
        name: 'vision-prospective.pdf', mimeType: 'application/pdf',
        buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
      });
      await page.getByLabel(/^Actions à mener/).fill('Créer une maison de santé\nRéhabiliter la halle');
      await submit(page, 'Déposer le livrable');
      assert.match(await page.locator('#programme-message').innerText(), /Le livrable est déposé/);
      await submit(page, 'Valider la version 1');
      await submit(page, 'Publier la version 1');
      const visitor = await session.context.browser().newContext({ baseURL: session.server.baseUrl, javaScriptEnabled: false });
      const publicPage = await visitor.newPage();
      await publicPage.goto(programme);
      const published = publicPage.locator('#livrables-publies a');
      assert.equal(await published.count(), 1);
      assert.match(await published.innerText(), /Vision prospective — .* \(version 1\)/);
      const file = await publicPage.request.get(await published.getAttribute('href'));
      assert.equal(file.status(), 200);
      assert.match((await file.body()).toString('latin1'), /^%PDF-1\.4/);
      await visitor.close();

      // From its deliverable, the territory opens an ingénierie sur mesure request prefilled
      // with the deliverable's actions; each side shows the other.
      const territory = sql('SELECT territory_id FROM deliverables');
      const elu = await (await session.context.browser().newContext({ baseURL: session.server.baseUrl, javaScriptEnabled: false, locale: 'fr-FR' })).newPage();
      await signIn(elu, 'elu@mairie.fr', 'Élu du territoire', `territory_id = '${territory}'`);
      await elu.goto(programme);
      await Promise.all([elu.waitForNavigation(), elu.getByRole('link', { name: "Mobiliser l'ingénierie sur mesure (version 1)" }).click()]);
      assert.match(await elu.locator('#origine-livrable').innerText(), /Demande issue du livrable « Vision prospective » \(version 1\)/);
      assert.match(await elu.locator('#demande-besoin').inputValue(), /- Créer une maison de santé\n- Réhabiliter la halle/);
      await submit(elu, 'Enregistrer le brouillon');
      const request = new URL(elu.url()).pathname;
      assert.match(request, /^\/demandes\/\d+$/);
      assert.match(await elu.locator('#origine-programme').innerText(), /Sobriété foncière et centralités — livrable « Vision prospective » \(version 1\)/);
      await elu.goto(programme);
      assert.equal(await elu.locator(`#tous-livrables a[href="${request}"]`).count(), 1);
      await elu.context().close();
      await session.auditAt(programme, 'a Fabrique');
      await session.auditAt('/programmes', 'the programmes and their history');
    } finally {
      await page.close();
    }
  });

  test('a projet partagé: themes supported, ranked, selected; 5 stakeholders, 12 observers, a 6th on the waitlist', async () => {
    // Each person in a browser of their own (the session's context is signed in by the test above).
    const fresh = async () => (await session.context.browser().newContext({ baseURL: session.server.baseUrl, javaScriptEnabled: false, locale: 'fr-FR' })).newPage();
    const anct = await fresh();
    const elue = await fresh();
    try {
      await signIn(anct, 'tec@anct.gouv.fr', 'Agent Territoires en commun', "kind = 'anct'");
      const programme = await createProgramme(anct, 'projet_partage', 'Territoires en commun 2026', '');
      await signIn(elue, 'elue@example.fr', 'Élue référente', "kind = 'collectivite'");
      const ids = sql("SELECT id FROM organisations WHERE kind = 'collectivite' ORDER BY id").split('\n');
      const propose = async (organisation, title, inspiration) => {
        await elue.goto(programme);
        await elue.locator('#theme-organisation').selectOption(organisation);
        await elue.getByLabel('Thème', { exact: true }).fill(title);
        await elue.getByLabel("Fiche d'inspiration").fill(inspiration);
        await submit(elue, 'Proposer ce thème');
      };
      await propose(ids[0], 'Alimentation durable', 'Une fiche de l’ANCT sur les circuits courts.');
      await propose(ids[1], 'Mobilités rurales', 'Covoiturage, transport à la demande.');
      const support = async (title, organisation) => {
        await elue.goto(programme);
        const row = elue.locator('#classement-themes tbody tr', { hasText: title });
        await row.locator('select').selectOption(organisation);
        await Promise.all([elue.waitForNavigation(), row.getByRole('button', { name: 'Soutenir' }).click()]);
      };
      for (const organisation of ids.slice(0, 3)) await support('Mobilités rurales', organisation);
      await support('Alimentation durable', ids[3]);
      await support('Mobilités rurales', ids[0]);
      assert.match(await elue.locator('main').innerText(), /soutient déjà ce thème/);
      await elue.goto(programme);
      const first = elue.locator('#classement-themes tbody tr').first();
      assert.match(await first.innerText(), /^1\s+Mobilités rurales[\s\S]*\s3\s/);

      await anct.goto(programme);
      const row = anct.locator('#classement-themes tbody tr', { hasText: 'Mobilités rurales' });
      await Promise.all([anct.waitForNavigation(), row.getByRole('button', { name: 'Retenir ce thème' }).click()]);
      assert.equal(await anct.locator('#programme-titre').innerText(), 'Mobilités rurales');
      await submit(anct, 'Ouvrir la phase « Inscription des collectivités »');
      assert.match(await anct.locator('#phase-active').textContent(), /Inscription des collectivités/);

      const register = async (organisation, role) => {
        await elue.goto(programme);
        await elue.locator('#inscription-organisation').selectOption(organisation);
        await elue.locator(`label[for="${role === 'stakeholder' ? 'role-pp' : 'role-obs'}"]`).click();
        await submit(elue, "S'inscrire");
        return elue.locator('#programme-message').innerText();
      };
      for (const organisation of ids.slice(0, 5)) {
        assert.match(await register(organisation, 'stakeholder'), /inscrite comme partie prenante/);
      }
      for (const organisation of ids.slice(5, 17)) {
        assert.match(await register(organisation, 'observer'), /inscrite comme observatrice/);
      }
      const waitlisted = await register(ids[17], 'stakeholder');
      assert.match(waitlisted, /Les 5 places de partie prenante sont prises/);
      assert.match(waitlisted, /liste d'attente/);
      assert.match(await elue.locator('section[aria-labelledby="inscriptions"]').innerText(), /5 partie\(s\) prenante\(s\) sur 5 places, 1 en liste d'attente, 12 observatrice\(s\)/);
      await session.auditAt(programme, 'a projet partagé');
    } finally {
      await anct.context().close();
      await elue.context().close();
    }
  });
});
