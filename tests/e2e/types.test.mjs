// The TypeScript declarations shipped beside the loader (www/gdviz-embed.d.ts) compile, and
// fit an author's use of the loader, the handle, the element and the events (types/use.ts),
// under --strict. No browser: it runs the compiler (typescript, pinned in .tools).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const ROOT = new URL('../../', import.meta.url).pathname;

test('types: gdviz-embed.d.ts compiles and fits an author\'s use, under --strict', () => {
  const tsc = spawnSync(`${ROOT}.tools/node_modules/.bin/tsc`, ['-p', `${ROOT}tests/e2e/types/tsconfig.json`], { encoding: 'utf8' });
  assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
});
