import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { eventTypeKeys, eventTypePatternProblem, eventTypeProblem, matchesAnyEventType, matchesEventType } from '../../src/routing/event-types';

describe('event types and patterns', () => {
  it('accept dot-separated names and reject the rest', () => {
    for (const ok of ['invoice.paid', 'user', 'a-b_c.D9']) assert.equal(eventTypeProblem(ok), undefined, ok);
    for (const bad of ['', 'invoice..paid', '.paid', 'invoice.', 'invoice paid', 'invoice.*', 'x'.repeat(256)]) {
      assert.ok(eventTypeProblem(bad), bad);
    }
  });

  it('accept whole-segment wildcards and reject partial ones', () => {
    for (const ok of ['*', 'invoice.*', '*.created', 'a.*.c', 'invoice.paid']) assert.equal(eventTypePatternProblem(ok), undefined, ok);
    for (const bad of ['', 'inv*', 'invoice.pa*', '**', 'invoice..*', 'invoice.']) assert.ok(eventTypePatternProblem(bad), bad);
  });

  it('match as documented', () => {
    const cases: [string, string, boolean][] = [
      ['*', 'anything.at.all', true],
      ['invoice.paid', 'invoice.paid', true],
      ['invoice.paid', 'invoice.paid.late', false],
      ['invoice.*', 'invoice.paid', true],
      ['invoice.*', 'invoice.paid.late', true],
      ['invoice.*', 'invoice', false],
      ['invoice.*', 'invoices.paid', false],
      ['*.created', 'user.created', true],
      ['*.created', 'user.deleted', false],
      ['*.created', 'org.user.created', false],
      ['a.*.c', 'a.b.c', true],
      ['a.*.c', 'a.b.d', false],
    ];
    for (const [pattern, type, expected] of cases) assert.equal(matchesEventType(pattern, type), expected, `${pattern} ~ ${type}`);
    assert.ok(matchesAnyEventType(['user.*', 'invoice.paid'], 'invoice.paid'));
    assert.ok(!matchesAnyEventType([], 'invoice.paid'));
  });

  it('give the keys the patterns that may match a type are indexed under', () => {
    assert.deepEqual(eventTypeKeys('invoice.paid.late'), ['invoice.paid.late', '*', 'invoice.*', 'invoice.paid.*']);
    assert.deepEqual(eventTypeKeys('user'), ['user', '*']);
  });
});
