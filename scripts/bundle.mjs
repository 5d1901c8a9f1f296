// Bundle the CLI into dist/bundle with esbuild. Loading a few files instead
// of hundreds of modules is what brings the TUI's first frame under 500 ms;
// code splitting keeps the UI out of the way of `nslab shell` and `grade`.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/cli.ts'],
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: 'dist/bundle',
  // ink loads its devtools only when DEV=true; they are not installed
  external: ['react-devtools-core', './devtools.js'],
  define: { 'process.env.NODE_ENV': '"production"' },
  // CommonJS dependencies call require() for node's built-ins
  banner: { js: "import { createRequire as __nslabRequire } from 'node:module'; const require = __nslabRequire(import.meta.url);" },
  logLevel: 'warning',
});
