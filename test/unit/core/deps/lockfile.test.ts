import assert from 'node:assert/strict';
import { formatLock, parseLock } from '../../../../src/core/deps/lockfile.js';
import { normalizeName } from '../../../../src/core/deps/dist-metadata.js';
import { UsageError } from '../../../../src/shared/errors.js';
import { checkRequirementsFile } from '../../../../src/core/deps/requirements-in.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../../helpers/runner.js';

const H1 = 'a'.repeat(64);
const H2 = 'b'.repeat(64);

describe('lockfile', () => {
  it('normalises names per PEP 503', () => {
    assert.equal(normalizeName('Foo.Bar__baz-_-Q'), 'foo-bar-baz-q');
  });

  it('parses header, pins with several hashes, comments and continuation lines', () => {
    const lock = parseLock(
      [
        '# pyhermetic-lock version=1',
        `# pyhermetic-lock fingerprint=${'c'.repeat(64)}`,
        '# pyhermetic-lock index-url=file:///opt/pypi/simple',
        '# pyhermetic-lock index-url=file:///opt/pypi-more/simple',
        '# pyhermetic-lock allow-source=poison-ext',
        '',
        `MarkupSafe==2.1.2 --hash=sha256:${H1} --hash=sha256:${H2}  # a comment`,
        'orjson==3.12.0 \\',
        `    --hash=sha256:${H2.toUpperCase()}`,
      ].join('\n'),
    );
    assert.equal(lock.header.fingerprint, 'c'.repeat(64));
    assert.deepEqual(lock.header.indexUrls, ['file:///opt/pypi/simple', 'file:///opt/pypi-more/simple']);
    assert.deepEqual(lock.header.allowSource, ['poison-ext']);
    assert.deepEqual(
      lock.entries.map((e) => [e.name, e.version, e.hashes, e.line]),
      [
        ['MarkupSafe', '2.1.2', [H1, H2], 7],
        ['orjson', '3.12.0', [H2], 8],
      ],
    );
  });

  for (const [line, why] of [
    ['orjson==3.12.0', /lock:3: no --hash for orjson==3\.12\.0/],
    ['orjson>=3', /lock:3: not an exact pin/],
    [`orjson==3 --hash=md5:${'a'.repeat(32)}`, /unexpected '--hash=md5/],
    [`orjson==3 --hash=sha256:${'a'.repeat(63)}`, /unexpected/],
    ['-r other.txt', /not an exact pin/],
    [`orjson==3 --index-url=http://x --hash=sha256:${H1}`, /unexpected '--index-url/],
  ] as const) {
    it(`refuses '${line.slice(0, 40)}' with a UsageError naming the line`, () => {
      assert.throws(
        () => parseLock(`# c\n\n${line}\n`, 'x.lock'),
        (err: unknown) => err instanceof UsageError && why.test((err as Error).message),
      );
    });
  }

  it('refuses a name pinned twice (by normalised name)', () => {
    assert.throws(
      () => parseLock(`a_b==1 --hash=sha256:${H1}\nA-B==2 --hash=sha256:${H1}\n`),
      /pinned twice \(also on line 1\)/,
    );
  });

  it('formats sorted by normalised name, hashes sorted, and round-trips', () => {
    const text = formatLock({
      header: { fingerprint: 'd'.repeat(64), python: '3.11.2', indexUrls: ['file:///i'], allowSource: ['Zed', 'a_b'] },
      entries: [
        { name: 'Zeta', version: '1', hashes: [H2, H1], line: 0 },
        { name: 'alpha.beta', version: '2', hashes: [H1], line: 0 },
      ],
    });
    const body = text.split('\n').filter((l) => l && !l.startsWith('#'));
    assert.deepEqual(body, [`alpha-beta==2 --hash=sha256:${H1}`, `zeta==1 --hash=sha256:${H1} --hash=sha256:${H2}`]);
    assert.match(text, /^# pyhermetic-lock allow-source=a-b\n# pyhermetic-lock allow-source=zed$/m);
    const again = parseLock(text);
    assert.equal(formatLock(again), text);
  });
});

describe('requirements.in source options', () => {
  it('refuses index / find-links lines, also in an included file, naming file and line', async () => {
    const dir = tempDir('reqin-');
    writeFileSync(join(dir, 'ok.in'), 'numpy<2  # comment\n-r more.in\n');
    writeFileSync(join(dir, 'more.in'), 'orjson\n');
    await checkRequirementsFile(join(dir, 'ok.in'));
    writeFileSync(join(dir, 'more.in'), 'orjson\n--extra-index-url http://elsewhere/simple\n');
    await assert.rejects(
      checkRequirementsFile(join(dir, 'ok.in')),
      (err: Error) => err instanceof UsageError && /more\.in:2: '--extra-index-url/.test(err.message),
    );
    writeFileSync(join(dir, 'f.in'), '-f /opt/wheels\n');
    await assert.rejects(checkRequirementsFile(join(dir, 'f.in')), /f\.in:1/);
  });
});
