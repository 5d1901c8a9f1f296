#!/usr/bin/env node
// Thin launcher. The build (npm run setup) makes a bundle in dist/bundle:
// loading one file instead of hundreds of modules halves the time to the
// first frame. dist/cli.js (plain tsc output) is the fallback.
import { existsSync } from 'node:fs';
const bundle = new URL('../dist/bundle/cli.js', import.meta.url);
const plain = new URL('../dist/cli.js', import.meta.url);
const entry = existsSync(bundle) ? bundle : existsSync(plain) ? plain : undefined;
if (!entry) {
  console.error('nslab: not built yet. Run `npm run setup` (or `npm start`, which sets up first).');
  process.exit(2);
}
await import(entry.href);
