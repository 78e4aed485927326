// The rules of `audit pins`: what floats, why it matters, and the pinned form to use instead. One row
// per rule; the SARIF rule list, the JUnit testcases, docs/audit-pins.md and the report all read it.
// Severity: `error` for an input that can change under the build without a commit (the two outages
// began with one), `warning` for what is floating but usually harmless or only sometimes fixable.

export type Severity = 'error' | 'warning';

export interface Rule {
  id: string;
  severity: Severity;
  /** One line: what the rule finds. */
  title: string;
  /** Why it matters. */
  why: string;
  /** The pinned form to use instead. */
  fix: string;
}

export const RULES = [
  {
    id: 'floating-library',
    severity: 'error',
    title: 'a Jenkins shared library loaded without a ref, or by a branch',
    why: 'Without a ref Jenkins loads the default version (usually a branch), and a branch moves: every job gets whatever was pushed last.',
    fix: "load it by a tag or a full commit: @Library('name@v1.2.3') _ or library 'name@<40-hex commit>'",
  },
  {
    id: 'floating-docker-image',
    severity: 'error',
    title: 'a container image without an @sha256 digest (Jenkins docker, Dockerfile FROM, COPY --from)',
    why: 'A tag such as python:3.11-slim is re-pushed with new contents: the same Jenkinsfile builds in another image tomorrow.',
    fix: 'pin the digest: python:3.11-slim@sha256:<64 hex> (docker buildx imagetools inspect IMAGE shows it)',
  },
  {
    id: 'unchecked-add-url',
    severity: 'error',
    title: 'a Dockerfile ADD of a URL without --checksum',
    why: 'ADD fetches whatever the URL serves at build time; nothing notices when it changes.',
    fix: 'ADD --checksum=sha256:<64 hex> https://… /dest (or download in RUN and check with sha256sum -c)',
  },
  {
    id: 'pip-unpinned',
    severity: 'error',
    title: 'pip install of names without a hashed lock',
    why: 'pip resolves the names and all their dependencies at install time: a new release (one without a wheel, say) arrives without a commit — the missing-wheel outage.',
    fix: 'install a complete hashed lock: pip install --require-hashes --no-deps -r requirements.lock (made by pyhermetic lock or pip-compile --generate-hashes)',
  },
  {
    id: 'vcs-unpinned',
    severity: 'error',
    title: 'a package installed from a VCS URL without a full commit',
    why: 'A branch or tag of a repository moves; the package installed changes under the same line.',
    fix: 'name the full commit: git+https://host/org/repo.git@<40-hex commit>#egg=name (better: a built wheel in the lock)',
  },
  {
    id: 'git-clone-floating',
    severity: 'error',
    title: 'git clone without a checkout of a full commit afterwards',
    why: 'A clone takes the branch as it is today. A CI image cloned pyenv at master; pyenv changed its build default and poisoned every job that used the image.',
    fix: 'check out a full commit right after the clone: git clone URL dir && git -C dir checkout --detach <40-hex commit>',
  },
  {
    id: 'curl-pipe-shell',
    severity: 'error',
    title: 'a download piped into a shell or interpreter',
    why: 'The script that runs is whatever the server sends at that moment, checked by nobody.',
    fix: 'download to a file, check it (echo "<sha256>  install.sh" | sha256sum -c -), then run it',
  },
  {
    id: 'download-unverified',
    severity: 'error',
    title: 'a download with no checksum check on the next lines',
    why: 'The file at a URL can change (or be replaced) without the build noticing.',
    fix: 'check it within the next lines: echo "<sha256>  file" | sha256sum -c - (or gpg --verify)',
  },
  {
    id: 'pyenv-floating',
    severity: 'error',
    title: 'pyenv install (or update) from a pyenv that was itself cloned floating',
    why: "pyenv's build defaults are part of the interpreter's ABI: a floating pyenv clone switched CPython to --enable-shared under the team's feet (the poison-wheel outage).",
    fix: 'pin pyenv to a full commit (git -C ~/.pyenv checkout --detach <40-hex>), or build the interpreter with pyhermetic from a pinned python.json',
  },
  {
    id: 'apt-unpinned',
    severity: 'warning',
    title: 'apt-get install (or apk add) without versions',
    why: 'The distribution serves the newest package version of the day; builds differ from one day to the next.',
    fix: 'pin versions (apt-get install pkg=1.2-3), or build in a pinned root filesystem (pyhermetic buildroot create)',
  },
  {
    id: 'requirement-unpinned',
    severity: 'error',
    title: 'a requirement in a requirements or constraints file without an exact == pin',
    why: 'A range (or no version) lets pip pick a new release at install time — how a release without a wheel reached a build.',
    fix: 'pin it exactly (name==1.2.3) in a lock made by pyhermetic lock or pip-compile --generate-hashes; keep ranges in requirements.in',
  },
  {
    id: 'requirement-unhashed',
    severity: 'error',
    title: 'a requirement without --hash in a file used as a lock',
    why: "Without hashes pip does not require the dependencies' dependencies to be listed: an unpinned transitive dependency floats even when every line says ==.",
    fix: 'regenerate the lock with hashes (pyhermetic lock, or pip-compile --generate-hashes) and install it with --require-hashes',
  },
  {
    id: 'index-url-http',
    severity: 'error',
    title: 'a package index or find-links location over plain http',
    why: 'Anyone on the path can serve other packages; nothing authenticates them.',
    fix: 'use https (or a file:// mirror), and install with --require-hashes',
  },
  {
    id: 'trusted-host',
    severity: 'error',
    title: '--trusted-host',
    why: "It turns off TLS verification for the host: pip then accepts any server's packages.",
    fix: "remove it and give the index a certificate pip trusts (PIP_CERT or the system's CA store)",
  },
  {
    id: 'extra-index-url',
    severity: 'warning',
    title: '--extra-index-url (dependency confusion)',
    why: 'pip takes the highest version from any index: a public package with an internal name wins over the internal one.',
    fix: 'use one index that proxies the others (--index-url only), or pin with hashes so another upload cannot be taken',
  },
  {
    id: 'spec-source-unpinned',
    severity: 'error',
    title: 'a python.json without source.sha256',
    why: 'The interpreter is then built from whatever the URL serves.',
    fix: 'add "source": {"sha256": "<64 hex>", "urls": [...]} (sha256sum Python-X.Y.Z.tgz)',
  },
  {
    id: 'spec-no-build-root',
    severity: 'warning',
    title: 'a python.json without buildRoot',
    why: "The interpreter is built with the agent's compiler and libraries: the artifact depends on which agent built it.",
    fix: 'add "buildRoot": {"sha256": …} from pyhermetic buildroot create (docs/build-root.md)',
  },
  {
    id: 'config-no-lock',
    severity: 'error',
    title: 'a pyhermetic.json without a lock (or whose lock does not exist)',
    why: 'Without a committed lock the environment is resolved at build time.',
    fix: 'run pyhermetic lock -r requirements.in … -o requirements.lock, commit it and name it in "lock"',
  },
  {
    id: 'lock-fingerprint-mismatch',
    severity: 'error',
    title: "a lock made for another interpreter than the spec's",
    why: 'A lock resolved for another interpreter (another version, shared instead of static) may pick wheels that do not fit the one that ships.',
    fix: "re-run pyhermetic lock with the spec's interpreter and commit the lock",
  },
  {
    id: 'invalid-suppression',
    severity: 'error',
    title: 'a suppression without a reason, or naming no known rule',
    why: 'A suppression is a decision someone has to be able to read and revisit.',
    fix: '# pyhermetic: allow RULE — the reason (or a config entry with "rule", "path" and "reason")',
  },
] as const satisfies readonly Rule[];

export type RuleId = (typeof RULES)[number]['id'];

const BY_ID = new Map<string, Rule>(RULES.map((r) => [r.id, r]));

export function ruleOf(id: RuleId): Rule {
  return BY_ID.get(id)!;
}

export function isRuleId(id: string): id is RuleId {
  return BY_ID.has(id);
}

/** error > warning; `never` is above both (nothing fails). */
export function atOrAbove(severity: Severity, failOn: FailOn): boolean {
  if (failOn === 'never') return false;
  return failOn === 'warning' || severity === 'error';
}

export type FailOn = 'error' | 'warning' | 'never';
export const FAIL_ON: readonly FailOn[] = ['error', 'warning', 'never'];
