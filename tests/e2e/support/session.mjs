// What the journeys with accounts share: a server (with a loopback SMTP sink for its mails),
// one Chromium, and two contexts — without JavaScript, as the journeys run, and with it, as
// axe-core needs.
//
//   let s;
//   before(async () => { s = await openSession('boussole-e2e-x-'); });
//   after(() => s?.close());
//   s.context, s.auditing, s.sink, s.server; await s.submit(page, 'Se connecter'); await s.auditAt('/compte', 'my account');
import { assertAccessible, HANG_GUARD_MS, launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';
import { startSmtpSink } from './smtp_sink.mjs';

export async function openSession(prefix, { databaseUrl, env = {} } = {}) {
  const session = {};
  session.close = async () => {
    try {
      await session.context?.close();
      await session.auditing?.close();
      await session.launched?.close();
    } finally {
      await session.server?.stop();
      await session.sink?.stop();
    }
  };
  try {
    session.sink = await startSmtpSink();
    session.server = await startServer({ databaseUrl, env: { BOUSSOLE_SMTP_URL: session.sink.url, ...env } });
    session.launched = await launchBrowser(prefix);
    const options = { baseURL: session.server.baseUrl, locale: 'fr-FR' };
    session.context = await session.launched.browser.newContext({ ...options, javaScriptEnabled: false });
    session.context.setDefaultTimeout(HANG_GUARD_MS);
    session.auditing = await session.launched.browser.newContext(options);
    session.auditing.setDefaultTimeout(HANG_GUARD_MS);
  } catch (error) {
    await session.close();
    throw error;
  }
  // Clicks a button and waits for the page it leads to.
  session.submit = async (page, name) => {
    await Promise.all([page.waitForNavigation(), page.getByRole('button', { name }).first().click()]);
  };
  // The page at `path` (GET) in the JavaScript context, through axe-core.
  session.auditAt = async (path, name) => {
    const page = await session.auditing.newPage();
    try {
      await page.goto(path);
      await assertAccessible(page, name);
    } finally {
      await page.close();
    }
  };
  return session;
}
