import { fileURLToPath } from 'node:url';

// Both src/lab/*.ts and dist/lab/*.js sit two levels below the package root.
const root = fileURLToPath(new URL('../../', import.meta.url));

export const PACKAGE_ROOT = root.endsWith('/') ? root.slice(0, -1) : root;
export const LAB_SCRIPTS = `${PACKAGE_ROOT}/src/lab/sh`;
