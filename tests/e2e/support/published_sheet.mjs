// A server on a copy of the reference database with one published case sheet of the
// projetothèque (Joinville, commune:52250), written straight into the SQLite file once the
// server has migrated it: the HTTP flow that publishes a sheet is covered by the C++
// integration tests (projetotheque_http_test.cpp).
//
//   const { server, projectId, db } = await startServerWithPublishedSheet();
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer } from './server.mjs';

const SQL = `
INSERT INTO organisations (kind, name, territory_id, created_at)
  VALUES ('collectivite', 'Commune de Joinville', 'commune:52250', '2026-11-25T09:00:00Z');
INSERT INTO projects (organisation_id, name, public_description, territory_id, stage, themes, is_public, created_at,
                      updated_at, sheet_context, sheet_actions, sheet_results, sheet_testimony, sheet_partners, published_at)
  VALUES ((SELECT MAX(id) FROM organisations), 'Revitalisation du centre-bourg', 'Un plan guide pour le centre.',
          'commune:52250', 'postop', '["commerce-artisanat"]', 1, '2026-11-25T09:00:00Z', '2026-11-25T09:00:00Z',
          'Des commerces fermés dans la grande rue.', 'Un manager de centre-ville.', 'Quatre boutiques rouvertes.',
          '« La rue revit. »', 'Banque des Territoires', '2026-11-25T10:00:00Z');
INSERT INTO project_offers (project_id, offer_slug, status, updated_at)
  VALUES ((SELECT MAX(id) FROM projects), 'atelier-des-territoires-local', 'obtenue', '2026-11-25T10:00:00Z');
INSERT INTO change_log (topic, subject, changed_at) VALUES ('projects', (SELECT MAX(id) FROM projects), '2026-11-25T10:00:00Z');
SELECT MAX(id) FROM projects;
`;

export async function startServerWithPublishedSheet() {
  const referenceDb = process.env.BOUSSOLE_TEST_DB;
  if (!referenceDb || !existsSync(referenceDb)) throw new Error('BOUSSOLE_TEST_DB is not set (see scripts/run-tests.sh)');
  const dir = mkdtempSync(join(tmpdir(), 'boussole-e2e-sheet-'));
  const db = join(dir, 'boussole.db');
  copyFileSync(referenceDb, db);
  for (const suffix of ['-wal', '-shm']) {
    if (existsSync(referenceDb + suffix)) copyFileSync(referenceDb + suffix, db + suffix);
  }
  const server = await startServer({ databaseUrl: `sqlite://${db}` });
  const output = execFileSync('sqlite3', ['-cmd', '.timeout 5000', db, SQL], { encoding: 'utf8' });
  const projectId = Number(output.trim().split('\n').pop());
  return {
    server,
    projectId,
    db,
    stop: async () => {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
