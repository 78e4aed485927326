// Orders two Python versions the PEP 440 way, enough to tell an upgrade from a downgrade:
// epoch, release numbers, then dev < pre (a < b < rc) < final < post. Local labels (+xyz) are ignored.
// A version that is not PEP 440 falls back to a numeric-aware string comparison.

interface Parsed {
  epoch: number;
  release: number[];
  /** [phase, n]: dev releases sort first, then a, b, rc, then the final release, then post releases. */
  phase: [number, number];
  post: number;
  dev: number;
}

const PRE: Record<string, number> = { a: 1, alpha: 1, b: 2, beta: 2, c: 3, rc: 3, pre: 3, preview: 3 };
const RE =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:(?:-(\d+))|(?:[-_.]?(?:post|rev|r)[-_.]?(\d*)))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]+)?$/;

function parse(v: string): Parsed | undefined {
  const m = RE.exec(v.trim().toLowerCase());
  if (!m) return undefined;
  const release = m[2].split('.').map(Number);
  while (release.length > 1 && release[release.length - 1] === 0) release.pop();
  const hasPost = m[5] !== undefined || m[6] !== undefined;
  const dev = m[7] !== undefined ? Number(m[7] || 0) : Number.POSITIVE_INFINITY;
  let phase: [number, number] = [4, 0];
  if (m[3]) phase = [PRE[m[3]], Number(m[4] || 0)];
  else if (m[7] !== undefined && !hasPost) phase = [0, 0]; // 1.0.dev1 sorts before 1.0a1
  return {
    epoch: Number(m[1] ?? 0),
    release,
    phase,
    post: hasPost ? Number(m[5] ?? m[6] ?? 0) : -1,
    dev,
  };
}

function cmp(a: number, b: number): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Negative when a < b, positive when a > b, 0 when equal. */
export function comparePep440(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return a.localeCompare(b, 'en', { numeric: true });
  let c = cmp(pa.epoch, pb.epoch);
  for (let i = 0; c === 0 && i < Math.max(pa.release.length, pb.release.length); i++)
    c = cmp(pa.release[i] ?? 0, pb.release[i] ?? 0);
  if (c === 0) c = cmp(pa.phase[0], pb.phase[0]) || cmp(pa.phase[1], pb.phase[1]);
  if (c === 0) c = cmp(pa.post, pb.post);
  if (c === 0) c = cmp(pa.dev, pb.dev);
  return c;
}
