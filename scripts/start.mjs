// `npm start`: build what is missing or stale (the first time: server and web console), then serve.
import { build } from './build.mjs';

await build({ part: 'all', ifStale: true });
const { runMain } = await import('../dist/main.js');
await runMain();
