// The Debian packages a build root holds besides minbase. Its own module, free of imports, because
// `buildroot create --help` names them and the help must not load the build code (a fast start).

/** What the interpreter build needs inside the root (CPython's configure, the static libraries, OpenSSL's Configure). */
export const BUILD_PACKAGES = [
  'build-essential',
  'pkg-config',
  'perl',
  'libffi-dev',
  'libsqlite3-dev',
  'liblzma-dev',
  'libbz2-dev',
  'zlib1g-dev',
  'libedit-dev',
  'libncurses-dev',
  'libreadline-dev',
  'uuid-dev',
];
