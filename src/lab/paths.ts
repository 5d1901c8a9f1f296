import { PACKAGE_ROOT } from '../package-root.js';

export { PACKAGE_ROOT };
/** The lab's shell scripts and files (init.sh and friends). */
export const LAB_SCRIPTS = `${PACKAGE_ROOT}/src/lab/sh`;
