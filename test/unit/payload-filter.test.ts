import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { filterProblems, matchesFilter, valueAt, type Filter } from '../../src/routing/payload-filter';

const payload = {
  amount: 250,
  currency: 'EUR',
  paidAt: '2026-11-24T10:00:00Z',
  customer: { id: 'cus_1', tier: 'gold', tags: ['beta', 'vip'] },
  lines: [{ sku: 'A', qty: 2 }, { sku: 'B', qty: 1 }],
  note: null,
};

function check(filter: Filter): boolean {
  assert.deepEqual(filterProblems(filter), [], JSON.stringify(filter));
  return matchesFilter(filter, payload);
}

describe('payload filters', () => {
  it('match literals and dot paths, array indexes included', () => {
    assert.ok(check({}));
    assert.ok(check({ currency: 'EUR', 'customer.tier': 'gold' }));
    assert.ok(!check({ currency: 'USD' }));
    assert.ok(check({ 'lines.1.sku': 'B' }));
    assert.ok(!check({ 'lines.5.sku': 'B' }));
    assert.ok(check({ note: null }));
    assert.ok(check({ customer: { $eq: { id: 'cus_1', tier: 'gold', tags: ['beta', 'vip'] } } }));
    assert.deepEqual(valueAt(payload, 'customer.missing'), { found: false });
  });

  it('compare numbers with numbers and strings with strings', () => {
    assert.ok(check({ amount: { $gt: 100, $lte: 250 } }));
    assert.ok(!check({ amount: { $lt: 250 } }));
    assert.ok(check({ paidAt: { $gte: '2026-11-01', $lt: '2026-12-01' } }));
    assert.ok(!check({ amount: { $gt: '100' } }), 'a number is not compared with a string');
    assert.ok(!check({ missing: { $lt: 5 } }));
  });

  it('treat arrays as MongoDB does for $eq and $in, and negate exactly', () => {
    assert.ok(check({ 'customer.tags': 'vip' }));
    assert.ok(check({ 'customer.tags': { $in: ['vip', 'x'] } }));
    assert.ok(!check({ 'customer.tags': { $nin: ['vip'] } }));
    assert.ok(check({ 'customer.tier': { $in: ['gold', 'platinum'] } }));
    assert.ok(check({ 'customer.tier': { $neq: 'silver' } }));
    assert.ok(check({ missing: { $neq: 'x' } }), 'a missing field is not equal to anything');
    assert.ok(check({ missing: { $nin: ['x'] } }));
  });

  it('test presence and patterns', () => {
    assert.ok(check({ 'customer.id': { $exists: true }, 'customer.email': { $exists: false } }));
    assert.ok(check({ note: { $exists: true } }), 'null is present');
    assert.ok(check({ 'customer.id': { $regex: '^cus_\\d+$' } }));
    assert.ok(!check({ amount: { $regex: '250' } }), 'only strings match a pattern');
  });

  it('combine with $and and $or', () => {
    assert.ok(check({ $or: [{ currency: 'USD' }, { 'customer.tier': 'gold' }] }));
    assert.ok(!check({ $or: [{ currency: 'USD' }, { amount: { $lt: 10 } }] }));
    assert.ok(check({ $and: [{ amount: { $gt: 1 } }, { $or: [{ currency: 'EUR' }] }] }));
    assert.ok(!check({ $and: [{ amount: { $gt: 1 } }, { currency: 'GBP' }] }));
  });

  it('explain every problem with where it is', () => {
    const problems = (filter: unknown) => filterProblems(filter).map((p) => p.path);
    assert.deepEqual(problems([]), ['$']);
    assert.deepEqual(problems({ amount: { $gt: true } }), ['$.amount.$gt']);
    assert.deepEqual(problems({ amount: { $between: [1, 2] } }), ['$.amount.$between']);
    assert.deepEqual(problems({ amount: { $gt: 1, currency: 'EUR' } }), ['$.amount']);
    assert.deepEqual(problems({ $not: {} }), ['$.$not']);
    assert.deepEqual(problems({ $or: [] }), ['$.$or']);
    assert.deepEqual(problems({ $or: [{ a: { $in: 'x' } }, { b: { $exists: 1 } }] }), ['$.$or[0].a.$in', '$.$or[1].b.$exists']);
    assert.deepEqual(problems({ 'a..b': 1 }), ['$.a..b']);
    assert.deepEqual(problems({ s: { $regex: '(' } }), ['$.s.$regex']);
    assert.deepEqual(problems({ s: { $regex: '(a)\\1' } }), ['$.s.$regex'], 'RE2 has no backreferences');
    assert.deepEqual(problems({ s: { $regex: '(?=a)a' } }), ['$.s.$regex'], 'nor lookaround');
    let deep: Filter = { a: 1 };
    for (let i = 0; i < 20; i++) deep = { $and: [deep] };
    assert.equal(filterProblems(deep).length, 1);
  });

  it('matches patterns that make a backtracking engine take exponential time, on RE2 in linear time', (t) => {
    // With JavaScript's engine each of these takes longer than any test would wait (24 letters
    // took 2 s for the first); the figure printed is for the record, not asserted.
    for (const [pattern, subject] of [
      ['(a|a)*b', 'a'.repeat(16_000)],
      ['(a+)+$', `${'a'.repeat(16_000)}!`],
      ['\\d*\\d*\\d*\\d*\\d*!', '1'.repeat(16_000)],
    ] as const) {
      assert.deepEqual(filterProblems({ s: { $regex: pattern } }), [], pattern);
      const started = performance.now();
      assert.equal(matchesFilter({ s: { $regex: pattern } }, { s: subject }), false, pattern);
      t.diagnostic(`${pattern} on ${subject.length} characters: ${(performance.now() - started).toFixed(2)} ms`);
    }
    assert.equal(matchesFilter({ s: { $regex: '(a+)+b' } }, { s: 'aaab' }), true);
  });
});
