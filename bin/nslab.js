#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ (npm run build).
import { existsSync } from 'node:fs';
const cli = new URL('../dist/cli.js', import.meta.url);
if (!existsSync(cli)) {
  console.error('nslab: not built yet. Run `npm run setup` (or `npm start`, which sets up first).');
  process.exit(2);
}
await import(cli.href);
