// One artifact tested across a fleet, on one machine: a real nginx WebDAV store is the fleet's shared
// memory. A publisher puts the suite's static interpreter on it; three agents, each with its own HOME,
// store and pip cache root, get the interpreter from the remote (no build), make their env from the
// lock and run one shard of the demo app's tests each. verify with the three records passes, and the
// union of their junit files is the whole suite, each test once. A fourth agent whose env differs by
// one wheel (the same iniconfig 2.3.0, rebuilt: other bytes) tests shard 2/3: first the outage (plain
// verify of the package passes, nothing says shard 2 ran on other bytes), then verify with the records
// names that agent and shard.
import assert from 'node:assert/strict';
import { execa } from 'execa';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyDemo, onTheHost } from '../helpers/demo-app.js';
import { builtInterpreter, SPEC } from '../helpers/interpreters.js';
import { addFile, createIndex, sha256File } from '../helpers/local-index.js';
import { type NginxWebdav, startNginxWebdav } from '../helpers/nginx-webdav.js';
import { LOCAL_INDEX, parseJson, sharedStore } from '../helpers/runner.js';
import { scratch } from '../helpers/scratch.js';

const scratchDirs = scratch();

interface Agent {
  name: string;
  home: string;
  store: string;
  cache: string;
  env: string;
  record: string;
  junit: string;
}

/** The testcase ids (classname::name) of a junit file pytest wrote. */
function junitCases(file: string): string[] {
  const xml = readFileSync(file, 'utf8');
  return [...xml.matchAll(/<testcase classname="([^"]*)" name="([^"]*)"/g)].map((m) => `${m[1]}::${m[2]}`);
}

/** iniconfig 2.3.0 rebuilt with one comment more in its __init__.py (RECORD updated): same name, other bytes. */
async function rebuiltWheel(dir: string): Promise<string> {
  const original = '/opt/pypi/files/iniconfig-2.3.0-py3-none-any.whl';
  const out = join(dir, 'iniconfig-2.3.0-py3-none-any.whl');
  const script = `
import base64, hashlib, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin:
    files = {i.filename: zin.read(i.filename) for i in zin.infolist()}
files['iniconfig/__init__.py'] += b'# rebuilt on another agent\\n'
record = [n for n in files if n.endswith('.dist-info/RECORD')][0]
lines = []
for line in files[record].decode().splitlines():
    path = line.split(',')[0]
    if path == 'iniconfig/__init__.py':
        data = files[path]
        digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()
        line = f'{path},sha256={digest},{len(data)}'
    lines.append(line)
files[record] = ('\\n'.join(lines) + '\\n').encode()
with zipfile.ZipFile(dst, 'w', zipfile.ZIP_DEFLATED) as zout:
    for name, data in files.items():
        zout.writestr(name, data)
`;
  await execa('python3', ['-c', script, original, out]);
  return out;
}

describe('fleet: one artifact tested across agents against one nginx WebDAV store @slow', function () {
  this.timeout(40 * 60 * 1000);
  let nginx: NginxWebdav;
  let demo: string;
  let lock: string;
  /** The package packed from agent-1's env (the last stage of the fleet). */
  let pkg = '';
  const agents: Agent[] = [];

  const agentNamed = (name: string): Agent => {
    const base = scratchDirs.dir(`${name}-`);
    mkdirSync(join(base, 'home'));
    return {
      name,
      home: join(base, 'home'),
      store: join(base, 'store'),
      cache: join(base, 'cache'),
      env: join(base, 'env-test'),
      record: join(base, `${name}.tested.json`),
      junit: join(base, `${name}.junit.xml`),
    };
  };

  /** On an agent: the interpreter from the remote (no build), the env from the lock, one shard. */
  async function runAgent(a: Agent, shard: string, agentLock: string, indexUrl: string): Promise<void> {
    const run = (args: string[]) => scratchDirs.run(args, { home: a.home, env: { ...nginx.env, NODE_NAME: a.name } });
    const interp = join(a.home, 'interpreter');
    const fetched = await run([
      'interpreter',
      'build',
      '--spec',
      SPEC.static,
      '--store',
      a.store,
      '--remote',
      nginx.url,
      '--out',
      interp,
      '--json',
    ]);
    assert.equal(fetched.exitCode, 0, fetched.stderr);
    assert.equal(parseJson(fetched).from, 'remote', `${a.name}: its empty store got the interpreter from the remote`);
    assert.doesNotMatch(fetched.stderr, /configure|make\b/, `${a.name} built nothing`);
    const env = await run([
      'env',
      'create',
      '--interpreter',
      interp,
      '--lock',
      agentLock,
      '--dest',
      a.env,
      '--index-url',
      indexUrl,
      '--cache-root',
      a.cache,
    ]);
    assert.equal(env.exitCode, 0, env.stderr);
    const tested = await run([
      'test',
      '--env',
      a.env,
      '--config',
      join(demo, 'pyhermetic.json'),
      '--shard',
      shard,
      '--record',
      a.record,
      '--junit',
      a.junit,
    ]);
    assert.equal(tested.exitCode, 0, tested.stderr);
  }

  before(async () => {
    await builtInterpreter('static');
    nginx = await startNginxWebdav();
    demo = join(scratchDirs.dir('fleet-demo-'), 'demo-app');
    copyDemo(demo);
    onTheHost(demo);
    lock = join(demo, 'requirements.lock');
    // The publisher: the one agent that builds (here: finds it in the suite's store) and publishes.
    const published = await scratchDirs.run(
      [
        'interpreter',
        'build',
        '--spec',
        SPEC.static,
        '--store',
        sharedStore(),
        '--remote',
        nginx.url,
        '--publish',
        '--json',
      ],
      { env: nginx.env },
    );
    assert.equal(published.exitCode, 0, published.stderr);
    assert.equal(parseJson(published).published, 'published');
    for (const name of ['agent-1', 'agent-2', 'agent-3']) agents.push(agentNamed(name));
    await Promise.all(agents.map((a, i) => runAgent(a, `${i + 1}/3`, lock, LOCAL_INDEX)));
  });
  after(async () => {
    await nginx?.stop();
    scratchDirs.cleanup();
  });

  it('the three agents tested the same bytes: one env digest, the interpreter the publisher published', () => {
    for (const a of agents) {
      const record = JSON.parse(readFileSync(a.record, 'utf8'));
      assert.equal(record.agent, a.name);
      assert.equal(
        record.interpreter.artifactSha256,
        JSON.parse(readFileSync(join(a.env, 'pyhermetic-env.json'), 'utf8')).interpreter.artifactSha256,
      );
    }
    const digests = new Set(agents.map((a) => JSON.parse(readFileSync(a.record, 'utf8')).env.treeDigest));
    assert.equal(digests.size, 1, 'three agents, three envs, the same bytes');
  });

  it('the union of the three junit files is the whole suite, each test in exactly one shard', async () => {
    const shards = agents.map((a) => junitCases(a.junit));
    const union = shards.flat();
    assert.equal(new Set(union).size, union.length, 'no test ran twice');
    // The whole suite, unsharded, in the first agent's env.
    const whole = join(scratchDirs.dir('whole-'), 'all.tested.json');
    const all = await scratchDirs.run([
      'test',
      '--env',
      agents[0]!.env,
      '--config',
      join(demo, 'pyhermetic.json'),
      '--record',
      whole,
    ]);
    assert.equal(all.exitCode, 0, all.stderr);
    assert.deepEqual([...union].sort(), junitCases(whole.replace(/\.json$/, '.junit.xml')).sort());
    assert.ok(union.length >= 10, `${union.length} tests`);
  });

  it('GREEN: verify with the three records passes and lists one row per agent and shard', async () => {
    pkg = join(scratchDirs.dir('pack-'), 'demo-app.tar.gz');
    const packed = await scratchDirs.run(['pack', '--env', agents[0]!.env, '--app', demo, '--out', pkg]);
    assert.equal(packed.exitCode, 0, packed.stderr);
    const report = scratchDirs.dir('report-');
    const r = await scratchDirs.run([
      'verify',
      '--artifact',
      pkg,
      '--tested',
      agents[0]!.env,
      '--no-smoke',
      '--report',
      report,
      ...agents.flatMap((a) => ['--tested-record', a.record]),
      '--json',
    ]);
    assert.equal(r.exitCode, 0, r.stdout.slice(-3000));
    const doc = parseJson(r);
    assert.deepEqual(
      doc.testedOn.rows.map((row: any) => [row.agent, row.shard, row.sameBytes]),
      [
        ['agent-1', '1/3', true],
        ['agent-2', '2/3', true],
        ['agent-3', '3/3', true],
      ],
    );
    assert.match(
      readFileSync(join(report, 'summary.md'), 'utf8'),
      /\*\*Tested on\*\*\n\n- agent-1 shard 1\/3: same bytes/,
    );
    assert.match(readFileSync(join(report, 'report.html'), 'utf8'), /<h2 id="tested-on">Tested on<\/h2>/);
    assert.match(
      readFileSync(join(report, 'junit.xml'), 'utf8'),
      /<testcase classname="pyhermetic" name="tested on" time="[0-9.]+"\/>/,
    );
  });

  it('a shard missing and a shard run twice are findings', async () => {
    const r = await scratchDirs.run([
      'verify',
      '--artifact',
      pkg,
      '--tested',
      agents[0]!.env,
      '--no-smoke',
      '--tested-record',
      agents[0]!.record,
      '--tested-record',
      agents[0]!.record,
      '--json',
    ]);
    assert.equal(r.exitCode, 1);
    const check = parseJson(r).checks.find((c: any) => c.name === 'tested on');
    const paths = check.findings.map((f: any) => f.path);
    assert.deepEqual(paths, ['shard 1/3', 'shard 2/3', 'shard 3/3']);
    assert.match(check.findings[0].message, /ran 2 times \(agent-1, agent-1\)/);
    assert.match(check.findings[1].message, /no record/);
  });

  describe('a fourth agent whose env differs by one wheel', () => {
    let odd: Agent;
    before(async () => {
      odd = agentNamed('agent-4');
      // Its index serves the demo's wheels, iniconfig rebuilt; its lock pins that build (a different hash).
      const index = createIndex('odd-index-');
      const wheel = await rebuiltWheel(scratchDirs.dir('wheel-'));
      const text = readFileSync(lock, 'utf8');
      for (const m of text.matchAll(/^([A-Za-z0-9_.-]+)==(\S+) --hash=sha256:([0-9a-f]{64})$/gm)) {
        if (m[1] === 'iniconfig') continue;
        const page = readFileSync(join('/opt/pypi/simple', m[1]!.toLowerCase(), 'index.html'), 'utf8');
        const file = new RegExp(`files/([^"#]+)#sha256=${m[3]}`).exec(page)![1]!;
        addFile(index, m[1]!, join('/opt/pypi/files', file));
      }
      addFile(index, 'iniconfig', wheel);
      const oddLock = join(scratchDirs.dir('odd-lock-'), 'requirements.lock');
      writeFileSync(
        oddLock,
        text
          .replace(/^(iniconfig==2\.3\.0 --hash=sha256:)[0-9a-f]{64}$/m, `$1${sha256File(wheel)}`)
          .replace(/^# pyhermetic-lock index-url=.*$/m, `# pyhermetic-lock index-url=${index.url}`),
      );
      await runAgent(odd, '2/3', oddLock, index.url);
    });

    it('RED (the outage): verify of the package alone passes; nothing says shard 2/3 ran on other bytes', async () => {
      const r = await scratchDirs.run([
        'verify',
        '--artifact',
        pkg,
        '--tested',
        agents[0]!.env,
        '--no-smoke',
        '--json',
      ]);
      assert.equal(r.exitCode, 0, 'the package is a clean pack of agent-1 env');
      const oddRecord = JSON.parse(readFileSync(odd.record, 'utf8'));
      const goodRecord = JSON.parse(readFileSync(agents[1]!.record, 'utf8'));
      assert.equal(oddRecord.exitCode, 0, 'and agent-4 passed its shard');
      assert.notEqual(oddRecord.env.treeDigest, goodRecord.env.treeDigest, 'on an env with other bytes');
      assert.equal(oddRecord.interpreter.fingerprint, goodRecord.interpreter.fingerprint, 'the same interpreter');
    });

    it('GREEN: verify with its record names agent-4 and shard 2/3', async () => {
      const r = await scratchDirs.run([
        'verify',
        '--artifact',
        pkg,
        '--tested',
        agents[0]!.env,
        '--no-smoke',
        '--tested-record',
        agents[0]!.record,
        '--tested-record',
        odd.record,
        '--tested-record',
        agents[2]!.record,
        '--json',
      ]);
      assert.equal(r.exitCode, 1, r.stdout.slice(-2000));
      const doc = parseJson(r);
      const check = doc.checks.find((c: any) => c.name === 'tested on');
      assert.equal(check.findings.length, 1, JSON.stringify(check.findings));
      assert.equal(check.findings[0].path, 'agent agent-4, shard 2/3');
      assert.match(check.findings[0].message, /tested other bytes than the package's env/);
      assert.deepEqual(
        doc.testedOn.rows.map((row: any) => [row.agent, row.sameBytes]),
        [
          ['agent-1', true],
          ['agent-4', false],
          ['agent-3', true],
        ],
      );
    });
  });
});
