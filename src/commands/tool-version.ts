// pyhermetic's version as recorded inside the documents it writes (SBOM tool, provenance builder).
// The bundle defines __PYHERMETIC_VERSION__ (scripts/bundle.mjs); under tsx it is absent.
declare const __PYHERMETIC_VERSION__: string | undefined;
export const TOOL_VERSION: string = typeof __PYHERMETIC_VERSION__ === 'string' ? __PYHERMETIC_VERSION__ : '0.0.0-dev';
