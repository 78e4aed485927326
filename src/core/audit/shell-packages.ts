// Package managers and container runs in scripts: apt-get/apt/apk without versions, docker run/pull
// of an image without a digest.
import { imageHasDigest, pinnedImageForm } from './refs.js';
import type { At, Located } from './shell-context.js';
import { type Invocation, splitArgs } from './shell-words.js';

const APT_VALUED = new Set(['-o', '--option', '-t', '--target-release', '-c', '--config-file', '--default-release']);
const APK_VALUED = new Set(['-t', '--virtual', '-X', '--repository', '--root', '-p']);

export function checkPackages(l: Located, inv: Invocation, at: At): void {
  const apk = inv.name === 'apk';
  const { operands } = splitArgs(inv.args, apk ? APK_VALUED : APT_VALUED);
  const [sub, ...packages] = operands;
  if (sub?.value !== (apk ? 'add' : 'install')) return;
  // A package list from a variable ("${pkgs[@]}") is not visibly pinned either: it counts as loose.
  const loose = packages.filter((p) => !/^[^$]*=/.test(p.value) && !/\.deb$|^\.?\//.test(p.value));
  if (loose.length === 0) return;
  const names = loose.map((p) => p.value).join(' ');
  at(
    l,
    'apt-unpinned',
    `${inv.name} ${sub.value} without versions: ${names}`,
    apk
      ? `apk add ${loose.map((p) => `${p.value}=<version>`).join(' ')}`
      : `apt-get install ${loose.map((p) => `${p.value}=<version>`).join(' ')} (or a pinned build root)`,
  );
}

const DOCKER_RUN_VALUED = new Set([
  '-e',
  '--env',
  '--env-file',
  '-v',
  '--volume',
  '-p',
  '--publish',
  '--name',
  '-w',
  '--workdir',
  '-u',
  '--user',
  '--entrypoint',
  '--network',
  '--net',
  '--mount',
  '-l',
  '--label',
  '--platform',
  '-h',
  '--hostname',
  '--cpus',
  '-m',
  '--memory',
  '--shm-size',
  '--add-host',
  '--cap-add',
  '--cap-drop',
  '--device',
  '--ulimit',
  '--security-opt',
  '--tmpfs',
  '--restart',
  '--pull',
  '--log-driver',
  '--log-opt',
  '--dns',
  '--gpus',
  '--ipc',
  '--pid',
  '--group-add',
  '--cidfile',
  '--stop-signal',
  '--stop-timeout',
  '--health-cmd',
  '--userns',
  '-a',
  '--attach',
]);

/** `docker run|create|pull IMAGE`: the image, like a Jenkins docker image, needs a digest. */
export function checkContainerRun(l: Located, inv: Invocation, at: At): void {
  const sub = inv.args[0]?.value;
  if (sub !== 'run' && sub !== 'create' && sub !== 'pull') return;
  const { operands } = splitArgs(inv.args.slice(1), DOCKER_RUN_VALUED);
  const image = operands[0];
  if (!image || imageHasDigest(image.value)) return;
  at(
    l,
    'floating-docker-image',
    `${inv.name} ${sub} ${image.value}: no @sha256 digest`,
    `${inv.name} ${sub} … ${pinnedImageForm(image.value)}`,
    image,
  );
}
