// A request for engineering ("saisine", issue 6) in a real Chromium without JavaScript: the
// commune of Joinville (2 915 inhabitants) drafts and files it; the préfecture of the
// Haute-Marne takes it, examines local resources and refers it to the ANCT with a
// justification; the ANCT instructs it, answers with an engineering contract, delivers a
// file and closes it. The commune's cost is 0 €. axe-core audits the request page.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { assertAccessible, HANG_GUARD_MS } from './support/browser.mjs';
import { openSession } from './support/session.mjs';

let dir;
let database;
let session;

const sql = (statement) => execFileSync('sqlite3', [database, statement], { encoding: 'utf8' }).trim();
const at = "'2026-11-25T00:00:00Z'";

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'boussole-e2e-requests-'));
  database = join(dir, 'boussole.db');
  copyFileSync(process.env.BOUSSOLE_TEST_DB, database);
  sql(`INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('collectivite', 'Commune de Joinville', 'commune:52250', ${at})`);
  sql(`INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('delegation_territoriale', 'Préfecture de la Haute-Marne', 'departement:52', ${at})`);
  sql(`INSERT INTO organisations (kind, name, territory_id, created_at) VALUES ('anct', 'ANCT', NULL, ${at})`);
  session = await openSession('boussole-e2e-requests-', { databaseUrl: `sqlite://${database}`, env: { BOUSSOLE_FILES_DIR: join(dir, 'fichiers') } });
});

after(async () => {
  try {
    await session?.close();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

const submit = (page, name) => session.submit(page, name);

// A person of `organisation`, signed up through the form, confirmed in the database (the
// confirmation has its own journey), signed in in a browser of their own.
async function person(email, name, organisation) {
  const context = await session.launched.browser.newContext({ baseURL: session.server.baseUrl, locale: 'fr-FR', javaScriptEnabled: false });
  context.setDefaultTimeout(HANG_GUARD_MS);
  const page = await context.newPage();
  await page.goto('/compte/inscription');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Prénom et nom').fill(name);
  await page.locator('#champ-password').fill('un mot de passe solide');
  await page.locator('#champ-password_confirmation').fill('un mot de passe solide');
  await submit(page, 'Créer mon compte');
  sql(`UPDATE users SET confirmed_at = ${at} WHERE email = '${email}'`);
  sql(`INSERT INTO memberships (organisation_id, user_id, role, created_at) SELECT o.id, u.id, 'member', ${at} FROM organisations o, users u WHERE o.name = '${organisation}' AND u.email = '${email}'`);
  await page.goto('/compte/connexion');
  await page.getByLabel('Adresse électronique').fill(email);
  await page.getByLabel('Mot de passe').fill('un mot de passe solide');
  await submit(page, 'Se connecter');
  return { context, page };
}

// Takes the step `key` of the request page with `fill(form)`, and checks the new state.
async function step(page, path, key, expectedState, fill = async () => {}) {
  await page.goto(path);
  const form = page.locator(`#etape-${key}`);
  await fill(form);
  await Promise.all([page.waitForNavigation(), form.locator('button[type=submit]').click()]);
  assert.equal(new URL(page.url()).pathname, path, `${key}: back on the request`);
  assert.equal((await page.locator('#etat').textContent()).trim(), expectedState, key);
}

describe('requests', () => {
  test('an ANCT request of a small commune, from draft to closed through three accounts, costs the commune nothing', async () => {
    const commune = await person('maire@mairie-joinville.fr', 'Dominique Maire', 'Commune de Joinville');
    const prefecture = await person('referent@haute-marne.gouv.fr', 'Claude Référent', 'Préfecture de la Haute-Marne');
    const anct = await person('charge@anct.gouv.fr', 'Alex Chargé', 'ANCT');
    try {
      const organisation = sql("SELECT id FROM organisations WHERE name = 'Commune de Joinville'");
      let page = commune.page;
      await page.goto('/demandes');
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Nouvelle demande pour Commune de Joinville' }).click()]);
      assert.equal(new URL(page.url()).pathname, `/organisations/${organisation}/demandes/nouvelle`);
      await page.getByLabel('Circuit').selectOption('anct');
      await page.getByLabel('Titre').fill('Revitaliser le centre-bourg');
      await page.locator('#demande-besoin').fill('Un plan guide pour le centre-bourg.');
      await page.locator('#demande-deja_tente').fill('Une étude de 2019 restée sans suite.');
      await submit(page, 'Enregistrer le brouillon');
      const path = new URL(page.url()).pathname;
      assert.match(path, /^\/demandes\/\d+$/);
      assert.equal((await page.locator('#etat').textContent()).trim(), 'Brouillon');
      // The draft is edited before it is deposited (a plain form, without JavaScript).
      await Promise.all([page.waitForNavigation(), page.getByRole('link', { name: 'Modifier le brouillon' }).click()]);
      assert.equal(new URL(page.url()).pathname, `${path}/modifier`);
      assert.equal(await page.getByLabel('Titre').inputValue(), 'Revitaliser le centre-bourg');
      await page.getByLabel('Titre').fill('Revitaliser le centre-bourg de Joinville');
      await submit(page, 'Enregistrer les modifications');
      assert.equal(new URL(page.url()).pathname, path);
      assert.equal((await page.locator('h1').textContent()).trim(), 'Revitaliser le centre-bourg de Joinville');
      assert.match(await page.locator('section[aria-labelledby=demande-historique]').textContent(), /Brouillon modifié : titre « Revitaliser le centre-bourg de Joinville »/);

      await step(page, path, 'deposer', 'Déposée', async (form) => {
        await form.getByLabel('Le besoin').fill('Un plan guide pour le centre-bourg.');
        await form.getByLabel('Ce qui a déjà été tenté').fill('Une étude de 2019 restée sans suite.');
      });

      page = prefecture.page;
      await step(page, path, 'prendre_en_charge', 'Prise en charge par la délégation territoriale', async (form) => {
        await form.getByLabel('Référent projet désigné').fill('Claude Référent');
      });
      await step(page, path, 'examiner', 'Examen des ressources locales', async (form) => {
        await form.getByLabel('Avis du comité local de cohésion territoriale').fill('Aucune ressource locale mobilisable.');
      });
      await step(page, path, 'transmettre', "Transmise à l'ANCT", async (form) => {
        await form.getByLabel('Insuffisance de ressource locale mobilisable').check({ force: true });
      });

      page = anct.page;
      await step(page, path, 'instruire', "Instruite par l'ANCT", async (form) => {
        await form.getByLabel("Chargé de mission territorial de l'ANCT").fill('Alex Chargé');
        await form.getByLabel("Compte rendu de l'échange entre l'élu, le préfet et l'ANCT").fill('Visite le 3 décembre.');
      });
      await step(page, path, 'definir_reponse', 'Réponse définie', async (form) => {
        await form.getByLabel('Mode de réponse').selectOption('marche_ingenierie');
        await form.getByLabel("Coût de l'ingénierie (euros)").fill('30000');
      });
      await step(page, path, 'engager', 'Engagée');
      await step(page, path, 'demarrer', 'En cours');
      await step(page, path, 'livrer', 'Livrée', async (form) => {
        await form.locator('input[type=file]').setInputFiles({
          name: 'plan-guide.pdf', mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Title (Plan guide) >> endobj\ntrailer << >>\n%%EOF\n'),
        });
      });
      await step(page, path, 'cloturer', 'Clôturée', async (form) => {
        await form.getByLabel('Bilan').fill('Plan guide remis au conseil municipal.');
      });

      page = commune.page;
      await page.goto(path);
      assert.equal((await page.locator('#etat').textContent()).trim(), 'Clôturée');
      assert.equal((await page.locator('#cout-total').textContent()).trim(), '30000');
      assert.equal((await page.locator('#cout-collectivite').textContent()).trim(), '0 €');
      assert.match(await page.locator('#demande-cout ~ p, section[aria-labelledby=demande-cout] p').first().textContent(), /moins de 3500 habitants/);
      assert.ok(await page.getByRole('link', { name: 'plan-guide.pdf' }).count() > 0, 'the deliverable is in the trail');

      // The page with the JavaScript context, through axe-core (the commune's session).
      const audit = await session.auditing.newPage();
      try {
        await session.auditing.addCookies(await commune.context.cookies());
        await audit.goto(path);
        await assertAccessible(audit, 'request page');
        // The ANCT's national dashboard, its charts drawn by the DSFR components.
        await session.auditing.clearCookies();
        await session.auditing.addCookies(await anct.context.cookies());
        await audit.goto('/demandes/tableau-de-bord');
        assert.ok(await audit.locator('bar-chart').count() > 0, 'charts on the dashboard');
        assert.match(await audit.locator('#donnees-etat').textContent(), /Clôturée/);
        await assertAccessible(audit, 'dashboard');
      } finally {
        await audit.close();
      }
    } finally {
      await commune.context.close();
      await prefecture.context.close();
      await anct.context.close();
    }
  });
});
