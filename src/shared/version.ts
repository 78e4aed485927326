// pyhermetic's version: printed by --version and recorded in the documents it writes (the SBOM's tool, the
// provenance's builder). The bundle replaces __PYHERMETIC_VERSION__ at build time (scripts/bundle.mjs);
// under tsx it is absent.
declare const __PYHERMETIC_VERSION__: string | undefined;
export const VERSION: string = typeof __PYHERMETIC_VERSION__ === 'string' ? __PYHERMETIC_VERSION__ : '0.0.0-dev';
