// The one bomb rule (shared/expansion-limit.ts): the ratio counts only past a size that could hurt.
import assert from 'node:assert/strict';
import { bombExpansion, EXPANSION_LIMITS, formatHarm } from '../../../src/shared/expansion-limit.js';

const MIB = 1024 * 1024;

describe('expansion limit: a bomb is judged by what it would cost', () => {
  it("onnx 1.23.1's test member (2,520 → 2.56 MB, 1016x) is no bomb: far below the member harm size", () => {
    assert.equal(bombExpansion('member', 2_560_000, 2_520), undefined);
    // The same ratio past 64 MiB is one.
    assert.deepEqual(bombExpansion('member', 1016 * 70 * 1024, 70 * 1024), { ratio: 1016, harmBytes: 64 * MIB });
  });

  it('past the harm size an honest ratio passes; the ratio limit itself is unchanged (200)', () => {
    assert.equal(EXPANSION_LIMITS.maxRatio, 200);
    assert.equal(bombExpansion('member', 500 * MIB, 100 * MIB), undefined); // 5x
    assert.equal(bombExpansion('member', 200 * MIB, MIB), undefined); // exactly 200x
    assert.ok(bombExpansion('member', 201 * MIB, MIB));
  });

  it('the whole archive: judged past 1 GiB only', () => {
    assert.equal(bombExpansion('archive', 1024 * MIB, MIB), undefined); // 1 GiB is not past 1 GiB
    assert.deepEqual(bombExpansion('archive', 3 * 1024 * MIB, 3 * MIB), { ratio: 1024, harmBytes: 1024 * MIB });
    assert.equal(bombExpansion('archive', 3 * 1024 * MIB, 300 * MIB), undefined);
  });

  it('limits can be given (tests, callers with tighter budgets); an empty compressed size does not divide by 0', () => {
    const tight = { maxRatio: 10, memberHarmBytes: 1000, archiveHarmBytes: 5000 };
    assert.deepEqual(bombExpansion('member', 2000, 0, tight), { ratio: 2000, harmBytes: 1000 });
    assert.equal(bombExpansion('member', 999, 0, tight), undefined);
    assert.equal(formatHarm(64 * MIB), '64 MiB');
    assert.equal(formatHarm(1024 * MIB), '1 GiB');
    assert.equal(formatHarm(1000), '1000 bytes');
  });
});
