import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isqrt } from '../../kernel/index.js';
import { churnLimit } from './churn.js';
import { cappedIssuance, cosmosInflationStep, cosmosIssuance, epochIssuance, fixedRateIssuance, issuanceAtStake, sqrtIssuance, temperedIssuance, YEAR_SECONDS } from './curves.js';
import { toFloat } from '../../economy/metrics.js';

/** The published vectors of economy.md §3.5 on the pure functions. */
const ETH = 1_000_000_000n;
const cosmos = { goal: 670_000n, change: 130_000n, min: 70_000n, max: 200_000n };

describe('posEconomy issuance curves (§3.3, vectors of §3.5)', () => {
  it('sqrt, BRF 64, D = 2²⁵ ETH: isqrt 183,178,688, 349 gwei per ETH, 11,710,496,768 per epoch, ≈ 962,383 ETH and 2.868 % a year', () => {
    const D = (1n << 25n) * ETH;
    assert.equal(D, 33_554_432n * ETH);
    assert.equal(isqrt(D), 183_178_688n);
    assert.equal((ETH * 64n) / isqrt(D), 349n);
    const I = sqrtIssuance(D, 64n, 384n);
    assert.equal(I, 11_710_496_768n);
    const perYear = (I * YEAR_SECONDS) / 384n;
    assert.equal(perYear / ETH, 962_383n);
    assert.equal(Number((I * 8_218_125n) / 100n / ETH), 962_383); // 82,181.25 epochs
    const y = toFloat(perYear, D);
    assert.ok(Math.abs(y - 0.02868) < 0.00001, `${y}`);
  });
  it('sqrt at 10,000,000 ETH: 640 gwei per ETH, 6,400,000,000; at 1,000,000 ETH: isqrt 31,622,776, 2,023 per ETH, 2,023,000,000', () => {
    assert.equal(isqrt(10_000_000n * ETH), 100_000_000n);
    assert.equal(sqrtIssuance(10_000_000n * ETH, 64n, 384n), 6_400_000_000n);
    assert.equal(isqrt(1_000_000n * ETH), 31_622_776n);
    assert.equal((ETH * 64n) / isqrt(1_000_000n * ETH), 2_023n);
    assert.equal(sqrtIssuance(1_000_000n * ETH, 64n, 384n), 2_023_000_000n);
  });
  it('sqrt keeps the yearly issuance when epochs are shortened (× epochSeconds / 384), and is 0 at D = 0 or below one token', () => {
    assert.equal(sqrtIssuance(10_000_000n * ETH, 64n, 12n), 200_000_000n);
    assert.equal(sqrtIssuance(10_000_000n * ETH, 64n, 768n), 12_800_000_000n);
    assert.equal(sqrtIssuance(0n, 64n, 384n), 0n);
    assert.equal(sqrtIssuance(ETH - 1n, 64n, 384n), 0n);
    assert.equal(sqrtIssuance(1n, 64n, 384n), 0n);
  });
  it('tempered, k = 2²⁶ ETH, D = 10,000,000 ETH: 6,400,000,000 × 67,108,864 div 77,108,864 = 5,570,004,631', () => {
    assert.equal(temperedIssuance(10_000_000n * ETH, 64n, (1n << 26n) * ETH, 384n), 5_570_004_631n);
    assert.equal((6_400_000_000n * 67_108_864n) / 77_108_864n, 5_570_004_631n);
  });
  it('capped at 10,000,000 ETH, D = 12,000,000 ETH: sqrt-form(cap) = 6,400,000,000 (sqrt alone: 12,000,000 × 584 = 7,008,000,000)', () => {
    assert.equal(cappedIssuance(12_000_000n * ETH, 64n, 10_000_000n * ETH, 384n), 6_400_000_000n);
    assert.equal(sqrtIssuance(12_000_000n * ETH, 64n, 384n), 7_008_000_000n);
    assert.equal(cappedIssuance(1_000_000n * ETH, 64n, 10_000_000n * ETH, 384n), 2_023_000_000n);
  });
  it('fixedRate 60,000 ppm of 1.2·10¹⁷ gwei: 87,611,225,188 at 384 s, 2,737,850,787 at 12 s', () => {
    assert.equal(fixedRateIssuance(120_000_000n * ETH, 60_000n, 384n), 87_611_225_188n);
    assert.equal(fixedRateIssuance(120_000_000n * ETH, 60_000n, 12n), 2_737_850_787n);
  });
  it('cosmos, i = 10¹⁷, D 600,000 of 1,000,000: Δ = 1,549,405,607,145, i = 100,001,549,405,607,145, I_e = 11,407,888,364', () => {
    const step = cosmosInflationStep(10n ** 17n, 600_000n * ETH, 1_000_000n * ETH, cosmos, 3_600n);
    assert.equal(step.ratio, 6n * 10n ** 17n);
    assert.equal((step.ratio * 1_000_000n) / 670_000n, 895_522_388_059_701_492n);
    assert.equal(step.delta, 1_549_405_607_145n);
    assert.equal(step.inflation, 100_001_549_405_607_145n);
    assert.equal(cosmosIssuance(1_000_000n * ETH, step.inflation, 3_600n), 11_407_888_364n);
  });
  it('cosmos at D 800,000 of 1,000,000: Δ = −2,877,467,556,127 (truncated toward zero), i = 99,997,122,532,443,873, I_e = 11,407,383,359', () => {
    const step = cosmosInflationStep(10n ** 17n, 800_000n * ETH, 1_000_000n * ETH, cosmos, 3_600n);
    assert.equal(step.delta, -2_877_467_556_127n);
    assert.equal(step.inflation, 99_997_122_532_443_873n);
    assert.equal(cosmosIssuance(1_000_000n * ETH, step.inflation, 3_600n), 11_407_383_359n);
  });
  it('cosmos clamps to [min, max] and moves at D = 0 (ratio 0), while that epoch issues nothing', () => {
    assert.equal(cosmosInflationStep(200_000n * 10n ** 12n, 0n, 1_000_000n * ETH, cosmos, 3_600n).inflation, 200_000n * 10n ** 12n);
    assert.equal(cosmosInflationStep(70_000n * 10n ** 12n, 1_000_000n * ETH, 1_000_000n * ETH, cosmos, 3_600n).inflation, 70_000n * 10n ** 12n);
    const issuance = { kind: 'cosmos' as const, initial: 100_000n, ...cosmos };
    const r = epochIssuance(issuance, { stake: 0n, supply: 1_000_000n * ETH, inflation: 10n ** 17n }, 3_600n);
    assert.equal(r.issuance, 0n);
    assert.equal(r.inflation, 10n ** 17n + (10n ** 18n * 130_000n * 3_600n) / (1_000_000n * YEAR_SECONDS));
    // issuanceAt: the inflation as it is, not stepped; 0 at stake 0.
    assert.equal(issuanceAtStake(issuance, 1n, 1_000_000n * ETH, 10n ** 17n, 3_600n), cosmosIssuance(1_000_000n * ETH, 10n ** 17n, 3_600n));
    assert.equal(issuanceAtStake(issuance, 0n, 1_000_000n * ETH, 10n ** 17n, 3_600n), 0n);
  });
  it('every curve issues 0 at D = 0', () => {
    for (const iss of [
      { kind: 'sqrt' as const, baseRewardFactor: 64n },
      { kind: 'tempered' as const, baseRewardFactor: 64n, k: ETH },
      { kind: 'capped' as const, baseRewardFactor: 64n, cap: ETH },
      { kind: 'fixedRate' as const, rate: 60_000n },
    ]) {
      assert.equal(epochIssuance(iss, { stake: 0n, supply: 10n ** 18n, inflation: 0n }, 384n).issuance, 0n, iss.kind);
    }
  });
});

describe('posEconomy churn (§3.2 step 4, vectors of §3.5)', () => {
  const electra = { min: 128n * ETH, quotient: 65_536n, increment: ETH, maxPerEpoch: 256n * ETH };
  it('D = 10,000,000 ETH: ⌊D / 65,536⌋ = 152,587,890,625 gwei → C = 152 ETH', () => {
    assert.equal((10_000_000n * ETH) / 65_536n, 152_587_890_625n);
    assert.equal(churnLimit(10_000_000n * ETH, electra), 152n * ETH);
  });
  it('D = 20,000,000 ETH: 305,175,781,250 → 305 ETH, capped at 256 ETH', () => {
    assert.equal((20_000_000n * ETH) / 65_536n, 305_175_781_250n);
    assert.equal(churnLimit(20_000_000n * ETH, electra), 256n * ETH);
  });
  it('D = 1,000,000 ETH: 15 ETH → the minimum 128 ETH; D = 0 → 128 ETH; null → unlimited', () => {
    assert.equal(churnLimit(1_000_000n * ETH, electra), 128n * ETH);
    assert.equal(churnLimit(0n, electra), 128n * ETH);
    assert.equal(churnLimit(10n ** 30n, null), null);
  });
  it('rounds max(min, D / quotient) down to the increment before the cap', () => {
    assert.equal(churnLimit(1_000n, { min: 7n, quotient: 10n, increment: 4n, maxPerEpoch: 1_000n }), 100n);
    assert.equal(churnLimit(1_030n, { min: 7n, quotient: 10n, increment: 4n, maxPerEpoch: 1_000n }), 100n);
    assert.equal(churnLimit(0n, { min: 7n, quotient: 10n, increment: 4n, maxPerEpoch: 1_000n }), 4n);
  });
});

