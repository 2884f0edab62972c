// The « Test d'éligibilité » in a real browser: from the offer page of the Atelier des
// territoires, the test answered so as to be eligible, then one answer changed (not
// eligible, with its reason); without JavaScript, as the pages must work; and an axe-core
// audit (WCAG 2.1 A and AA) of the test's states.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { assertAccessible, HANG_GUARD_MS, launchBrowser } from './support/browser.mjs';
import { startServer } from './support/server.mjs';

const TEST_PATH = '/offres/atelier-des-territoires-local/eligibilite';
const ELIGIBLE = { q1: 'oui', q2: 'oui', q3: 'oui', q4: 'oui', q5: 'oui', q6: 'fonctionnement' };
const DDT_REASON = 'établie avec les services de la DDT(M) et/ou de la DREAL';

let server;
let browser;
let launched;
let withJs;    // for axe-core, which runs in the page
let withoutJs; // the journey: pages work without JavaScript

before(async () => {
  server = await startServer();
  launched = await launchBrowser('boussole-e2e-chromium-');
  browser = launched.browser;
  const options = { baseURL: server.baseUrl, locale: 'fr-FR', viewport: { width: 1280, height: 900 } };
  withJs = await browser.newContext(options);
  withoutJs = await browser.newContext({ ...options, javaScriptEnabled: false });
  withJs.setDefaultTimeout(HANG_GUARD_MS);
  withoutJs.setDefaultTimeout(HANG_GUARD_MS);
});

after(async () => {
  try {
    await withJs?.close();
    await withoutJs?.close();
    await launched?.close();
  } finally {
    await server?.stop();
  }
});


// Ticks the answer of each question through its label (the DSFR hides the native radio).
async function answer(page, answers) {
  for (const [question, value] of Object.entries(answers)) {
    await page.locator(`label[for="${question}-${value}"]`).click();
    assert.ok(await page.locator(`#${question}-${value}`).isChecked(), `${question}=${value} is checked`);
  }
}

async function submit(page) {
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Voir le résultat' }).click()]);
}

describe('eligibility test (without JavaScript)', () => {
  test('offer page → test → eligible → one answer changed → not eligible, with its reason', async () => {
    const page = await withoutJs.newPage();
    try {
      const offer = await page.goto('/offres/atelier-des-territoires-local');
      assert.equal(offer.status(), 200);
      const section = page.locator('section', { has: page.getByRole('heading', { name: "Test d'éligibilité" }) });
      await Promise.all([page.waitForNavigation(), section.getByRole('link', { name: "Faire le test d'éligibilité" }).click()]);
      assert.equal(new URL(page.url()).pathname, TEST_PATH);
      assert.equal(await page.locator('form fieldset').count(), 6);
      assert.equal(await page.locator('.fr-alert').count(), 0, 'no verdict before answering');

      await answer(page, ELIGIBLE);
      await submit(page);
      const eligibleUrl = new URL(page.url());
      assert.equal(eligibleUrl.pathname, TEST_PATH);
      assert.deepEqual(Object.fromEntries(eligibleUrl.searchParams), ELIGIBLE, 'the answers are in the URL');
      const success = page.locator('.fr-alert--success');
      await assert.doesNotReject(success.waitFor());
      assert.match(await success.innerText(), /Résultat : éligible/);
      assert.match(await success.innerText(), /Votre collectivité remplit les critères de l'Atelier des territoires/);
      const share = page.getByRole('link', { name: 'Copier le lien' });
      assert.equal(await share.getAttribute('href'), eligibleUrl.pathname + eligibleUrl.search);

      // The form keeps the answers: change one, submit again.
      assert.ok(await page.locator('#q6-fonctionnement').isChecked());
      await answer(page, { q3: 'non' });
      await submit(page);
      assert.equal(new URL(page.url()).searchParams.get('q3'), 'non');
      const failure = page.locator('.fr-alert--error');
      await assert.doesNotReject(failure.waitFor());
      const text = await failure.innerText();
      assert.match(text, /Résultat : non éligible/);
      assert.ok(text.includes(DDT_REASON), text);
      assert.equal(await failure.locator('li').count(), 1, 'only the reason of the unexpected answer');
      assert.equal(await page.locator('.fr-alert--success').count(), 0);
    } finally {
      await page.close();
    }
  });
});

describe('accessibility (axe-core, WCAG 2.1 A and AA): no serious or critical violation', () => {
  const states = [
    ['offer page with its test', '/offres/atelier-des-territoires-local'],
    ['blank questionnaire', TEST_PATH],
    ['eligible', `${TEST_PATH}?${new URLSearchParams(ELIGIBLE)}`],
    ['not eligible', `${TEST_PATH}?${new URLSearchParams({ ...ELIGIBLE, q3: 'non', q6: 'investissement' })}`],
    ['missing answers', `${TEST_PATH}?q1=oui&q2=oui`],
  ];
  for (const [name, target] of states) {
    test(name, async () => {
      const page = await withJs.newPage();
      try {
        const response = await page.goto(target, { waitUntil: 'load' });
        assert.equal(response.status(), 200, `${page.url()} status`);
        await page.waitForLoadState('networkidle');
        await assertAccessible(page, name);
      } finally {
        await page.close();
      }
    });
  }

  test('missing answers are tied to their fieldsets', async () => {
    const page = await withJs.newPage();
    try {
      await page.goto(`${TEST_PATH}?q1=oui&q2=oui`);
      const q3 = page.getByRole('group', { name: /3\. La demande est-elle formulée/ });
      assert.equal(await q3.getAttribute('aria-describedby'), 'q3-erreur');
      assert.match(await page.locator('#q3-erreur').innerText(), /Répondez à cette question/);
      assert.equal(await page.locator('.fr-fieldset--error').count(), 4);
    } finally {
      await page.close();
    }
  });
});
