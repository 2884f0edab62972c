// The soak driver of bench/load/soak.sh: a mixed load (pages, search, sign-in, writes) at a
// bounded rate against one running boussole on 127.0.0.1, while the server's memory (RSS) is
// sampled. Node's standard library only.
//
//   node soak.mjs setup --base URL --users N            signs up soak-0..N-1@example.fr
//   node soak.mjs run --base URL --pid PID [options]    the soak; JSON summary on stdout
//
// run options: --duration S (600), --rate R operations/s started (40), --mix P,S,W (55,30,15:
// % of pages, search, writes), --sign-in-every S (15:
// one sign-in of one of the users every S seconds), --sample-every S (5: RSS), --warmup S
// (60: RSS before this is not compared), --users N (4), --max-in-flight N (64).
// Open loop: an operation starts every 1/R s whatever the previous ones do; when
// --max-in-flight operations are still running, the start is counted as "skipped" (the
// server could not keep up) instead of queueing without bound.
import http from 'node:http';
import fs from 'node:fs';

const args = Object.fromEntries(
  process.argv.slice(3).reduce((pairs, value, i, all) => (i % 2 === 0 ? [...pairs, [all[i].replace(/^--/, ''), all[i + 1]]] : pairs), []),
);
const command = process.argv[2];
const base = new URL(args.base ?? 'http://127.0.0.1:8080');
const users = Number(args.users ?? 4);
const password = 'un mot de passe de soak solide';
const agent = new http.Agent({ keepAlive: true, maxSockets: 32 });

// One HTTP exchange; resolves {status, headers, body, ms} or {status: 0, error}.
function request(method, path, { jar, body, type } = {}) {
  return new Promise((resolve) => {
    const headers = {};
    if (jar && jar.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) {
      headers['content-type'] = type ?? 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    const started = process.hrtime.bigint();
    const req = http.request({ host: base.hostname, port: base.port, method, path, headers, agent, timeout: 30000 }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        if (jar) {
          for (const line of res.headers['set-cookie'] ?? []) {
            const m = /^([A-Za-z_]+)=([^;]*)/.exec(line);
            if (m) (line.includes('Max-Age=0') ? jar.delete(m[1]) : jar.set(m[1], m[2]));
          }
        }
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), ms });
      });
    });
    req.on('timeout', () => req.destroy(new Error('timeout (30 s)')));
    req.on('error', (error) => resolve({ status: 0, error: error.message, ms: Number(process.hrtime.bigint() - started) / 1e6 }));
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const form = (fields) => Object.entries(fields).map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
const csrfOf = (html) => /name="csrf" value="([A-Za-z0-9_-]+)"/.exec(html)?.[1] ?? '';
const email = (i) => `soak-${i}@example.fr`;

if (command === 'setup') {
  for (let i = 0; i < users; ++i) {
    const jar = new Map();
    const page = await request('GET', '/compte/inscription', { jar });
    const r = await request('POST', '/compte/inscription', {
      jar,
      body: form({ csrf: csrfOf(page.body), email: email(i), display_name: `Soak ${i}`, password, password_confirmation: password }),
    });
    if (r.status !== 303) {
      console.error(`sign-up of ${email(i)}: status ${r.status} ${r.error ?? r.body.slice(0, 300)}`);
      process.exit(1);
    }
  }
  console.log(`signed up ${users} users`);
  process.exit(0);
}
if (command !== 'run') {
  console.error('usage: node soak.mjs setup|run --base URL ...');
  process.exit(2);
}

const duration = Number(args.duration ?? 600);
const rate = Number(args.rate ?? 40);
const signInEvery = Number(args['sign-in-every'] ?? 15);
const sampleEvery = Number(args['sample-every'] ?? 5);
const warmup = Number(args.warmup ?? 60);
const maxInFlight = Number(args['max-in-flight'] ?? 64);
// Shares of pages, search and writes in % (the rest of 100 is writes).
const [pageShare, searchShare] = (args.mix ?? '55,30,15').split(',').map(Number);
const pid = Number(args.pid);

// ---- what was measured -----------------------------------------------------------------------
const latencies = new Map(); // kind -> [ms]
const errors = []; // {kind, status, detail}
let errorCount = 0;
let skipped = 0;
let signIns = 0;
let writes = 0;
function record(kind, r, expected) {
  if (!latencies.has(kind)) latencies.set(kind, []);
  latencies.get(kind).push(r.ms);
  if (!expected.includes(r.status)) {
    errorCount += 1;
    if (errors.length < 20) errors.push({ kind, status: r.status, detail: (r.error ?? r.body ?? '').slice(0, 200) });
    return false;
  }
  return true;
}

// ---- the people ------------------------------------------------------------------------------
async function signIn(i) {
  const jar = new Map();
  const page = await request('GET', '/compte/connexion', { jar });
  record('sign-in page', page, [200]);
  const r = await request('POST', '/compte/connexion', { jar, body: form({ csrf: csrfOf(page.body), email: email(i), password }) });
  signIns += 1;
  return record('sign-in', r, [303]) ? jar : null;
}

const sessions = [];
const requestsOf = []; // per user: request ids
for (let i = 0; i < users; ++i) {
  sessions[i] = await signIn(i);
  if (!sessions[i]) {
    console.error(`sign-in of ${email(i)} failed: ${JSON.stringify(errors)}`);
    process.exit(1);
  }
  requestsOf[i] = [];
}
const organisation = Number(args.organisation);
const offers = JSON.parse((await request('GET', '/api/v1/offers?per_page=100')).body).items.map((o) => o.slug);

const words = ['urbanisme', 'mobilité', 'centre-bourg', 'revitalisation', 'eau', 'numérique', 'habitat', 'transition écologique',
  'commerce', 'patrimoine', 'urbanism', 'friche', 'énergie', 'santé', 'tourisme', 'petites villes', 'ingénierie', 'école'];
const territories = ['52250', '75056', '73179', 'departement:52', 'region:44', '69123', '13055', '29019'];
const pick = (list) => list[Math.floor(Math.random() * list.length)];
const pdf = (tag) => `%PDF-1.4\n1 0 obj << /Title (${tag}) >> endobj\ntrailer << >>\n%%EOF\n`;

async function createRequest(user) {
  const jar = sessions[user];
  const path = `/organisations/${organisation}/demandes`;
  const page = await request('GET', `${path}/nouvelle`, { jar });
  if (!record('write form', page, [200])) return;
  const r = await request('POST', path, {
    jar,
    body: form({ csrf: csrfOf(page.body), workflow: 'anct', title: `Demande de soak ${Date.now()}`, theme: '', besoin: 'Un plan guide', deja_tente: 'Rien' }),
  });
  writes += 1;
  if (record('write', r, [303])) requestsOf[user].push(Number(r.headers.location.split('/').pop()));
}

async function comment(user) {
  if (requestsOf[user].length === 0) return createRequest(user);
  const jar = sessions[user];
  const id = pick(requestsOf[user]);
  const page = await request('GET', `/demandes/${id}`, { jar });
  if (!record('page (signed in)', page, [200])) return;
  if (Math.random() < 0.2) {
    const boundary = `soak${Date.now()}${Math.random().toString(16).slice(2)}`;
    const part = (name, value, file) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file ? `; filename="${file}"\r\nContent-Type: application/pdf` : ''}\r\n\r\n${value}\r\n`;
    const body = part('csrf', csrfOf(page.body)) + part('text', 'Pièce de soak') + part('fichier', pdf(boundary), 'piece.pdf') + `--${boundary}--\r\n`;
    const r = await request('POST', `/demandes/${id}/fichiers`, { jar, body, type: `multipart/form-data; boundary=${boundary}` });
    writes += 1;
    record('write', r, [303]);
    return;
  }
  const r = await request('POST', `/demandes/${id}/commentaires`, { jar, body: form({ csrf: csrfOf(page.body), text: `Commentaire de soak ${Date.now()} « éàç »` }) });
  writes += 1;
  record('write', r, [303]);
}

// The mix: pages 55 %, search 30 %, writes 15 % (of which 1 in 10 creates a request, 2 in 10
// of the others attach a file); sign-ins on their own schedule.
async function operation() {
  const dice = Math.random() * 100;
  if (dice < pageShare) {
    const path = pick([
      '/', '/offres', `/offres/${pick(offers)}`, `/offres/${pick(offers)}`, `/territoires?q=${encodeURIComponent(pick(['Joinville', 'Lyon', 'Brest', '52', 'Savoie']))}`,
      `/territoires/commune:${pick(['52250', '75056', '69123', '29019'])}`, `/api/v1/territories/${pick(['75056', '52250'])}`, '/projetotheque', '/chiffres',
    ]);
    const r = await request('GET', path);
    record('page', r, [200]);
  } else if (dice < pageShare + searchShare) {
    const q = encodeURIComponent(pick(words));
    const path = Math.random() < 0.5 ? `/offres/recherche?q=${q}&territory=${pick(territories)}` : `/api/v1/offers/search?q=${q}&page=${1 + Math.floor(Math.random() * 2)}`;
    const r = await request('GET', path);
    record('search', r, [200]);
  } else {
    const user = Math.floor(Math.random() * users);
    if (Math.random() < 0.1) await createRequest(user);
    else await comment(user);
  }
}

// ---- memory ----------------------------------------------------------------------------------
const started = Date.now();
const rss = []; // [seconds, kB]
function sampleRss() {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    rss.push([(Date.now() - started) / 1000, Number(/VmRSS:\s+(\d+)/.exec(status)[1])]);
  } catch (e) {
    errorCount += 1;
    errors.push({ kind: 'server', status: 0, detail: `server process ${pid} gone: ${e.message}` });
  }
}
sampleRss();
const sampler = setInterval(sampleRss, sampleEvery * 1000);

// ---- the run ---------------------------------------------------------------------------------
let inFlight = 0;
let startedOps = 0;
let scheduled = 0;
let nextSignIn = 0;
const running = new Set();
const launch = (fn) => {
  inFlight += 1;
  startedOps += 1;
  const p = fn().catch((e) => { errorCount += 1; errors.push({ kind: 'driver', status: 0, detail: String(e).slice(0, 200) }); }).finally(() => {
    inFlight -= 1;
    running.delete(p);
  });
  running.add(p);
};
await new Promise((resolve) => {
  const tick = setInterval(() => {
    const elapsed = (Date.now() - started) / 1000;
    if (elapsed >= duration) {
      clearInterval(tick);
      resolve();
      return;
    }
    // Catch up to the schedule (timers are coarse), starting at most what is due.
    const due = Math.floor(elapsed * rate) - scheduled;
    for (let i = 0; i < due; ++i) {
      scheduled += 1;
      if (inFlight >= maxInFlight) skipped += 1;
      else launch(operation);
    }
    if (elapsed >= nextSignIn * signInEvery) {
      const user = nextSignIn % users;
      nextSignIn += 1;
      launch(async () => {
        const jar = await signIn(user);
        if (jar) sessions[user] = jar;
      });
    }
  }, 10);
});
await Promise.all(running);
clearInterval(sampler);
sampleRss();

// ---- summary ---------------------------------------------------------------------------------
const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);
const all = [...latencies.values()].flat().sort((a, b) => a - b);
const kinds = Object.fromEntries(
  [...latencies.entries()].map(([kind, list]) => {
    const sorted = [...list].sort((a, b) => a - b);
    return [kind, { requests: sorted.length, p50_ms: +percentile(sorted, 50).toFixed(2), p99_ms: +percentile(sorted, 99).toFixed(2), max_ms: +sorted[sorted.length - 1].toFixed(2) }];
  }),
);
// RSS after the warm-up: least-squares slope, and the first and last minute's medians.
const after = rss.filter(([t]) => t >= warmup);
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.floor(s.length / 2)] : 0; };
const firstMinute = median(after.filter(([t]) => t < warmup + 60).map(([, kb]) => kb));
const lastMinute = median(after.filter(([t]) => t >= duration - 60).map(([, kb]) => kb));
let slope = 0;
if (after.length > 2) {
  const n = after.length, mt = after.reduce((s, [t]) => s + t, 0) / n, mk = after.reduce((s, [, k]) => s + k, 0) / n;
  slope = after.reduce((s, [t, k]) => s + (t - mt) * (k - mk), 0) / after.reduce((s, [t]) => s + (t - mt) ** 2, 0);
}
const summary = {
  duration_s: duration, rate_per_s: rate, mix: [pageShare, searchShare, 100 - pageShare - searchShare], sign_in_every_s: signInEvery, users, max_in_flight: maxInFlight,
  requests: all.length, achieved_per_s: +(all.length / duration).toFixed(1), operations_started: startedOps, skipped, sign_ins: signIns, writes,
  errors: errorCount, error_samples: errors,
  p50_ms: +percentile(all, 50).toFixed(2), p99_ms: +percentile(all, 99).toFixed(2), max_ms: +(all[all.length - 1] ?? 0).toFixed(2), kinds,
  rss_kb: { start: rss[0]?.[1], after_warmup_first_minute_median: firstMinute, last_minute_median: lastMinute, max: Math.max(...rss.map(([, k]) => k)),
    growth_kb: lastMinute - firstMinute, slope_kb_per_min: +(slope * 60).toFixed(1), samples: rss },
};
console.log(JSON.stringify(summary));
process.exit(0);
