// The fields an interpreter fingerprint hashes (interpreter/fingerprint.ts computes them): the model every
// stage that compares interpreters reads (manifests, wheel tags, the cache audit), below all of core.
export interface FingerprintFields {
  implementation: string;
  cache_tag: string | null;
  version_info: (number | string)[];
  SOABI: string | null;
  EXT_SUFFIX: string | null;
  ABIFLAGS: string | null;
  Py_ENABLE_SHARED: number;
  LDLIBRARY: string | null;
  INSTSONAME: string | null;
  Py_DEBUG: number;
  Py_TRACE_REFS: number;
  Py_GIL_DISABLED: number;
  MULTIARCH: string | null;
  HOST_GNU_TYPE: string | null;
  machine: string;
  pointer_bits: number;
  byteorder: string;
  libc_family: string;
  libc_version: string;
  abi_switches: string[];
}

export interface Fingerprint {
  fingerprint: string;
  fields: FingerprintFields;
  python: string;
}
