// Writes docs/openapi.json from the same zod contracts the server validates with.
// CI regenerates it and fails when the committed file differs.
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../src/core/log';
import { projectRoot } from '../src/core/project-root';
import { readVersion } from '../src/core/version';
import { openDatabase } from '../src/db/client';
import { buildApp } from '../src/http/app';

const database = await openDatabase({});
const app = await buildApp({ database, log: createLogger('silent'), version: readVersion() });
await app.ready();
const file = path.join(projectRoot(), 'docs', 'openapi.json');
fs.mkdirSync(path.dirname(file), { recursive: true });
fs.writeFileSync(file, `${JSON.stringify(app.swagger(), null, 2)}\n`);
await app.close();
await database.close();
console.log(`wrote ${path.relative(process.cwd(), file)}`);
