import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { payloadProblems, problemsOnce, schemaProblems } from '../../src/event-types/payload-schemas';

const invoice = {
  type: 'object',
  required: ['amount'],
  properties: { amount: { type: 'integer', minimum: 0 }, email: { type: 'string', format: 'email' }, lines: { type: 'array', items: { type: 'object', required: ['sku'] } } },
};

describe('payload schemas', () => {
  it('take JSON Schema 2020-12 and refuse what is not one', () => {
    assert.deepEqual(schemaProblems(invoice), []);
    assert.deepEqual(schemaProblems({ prefixItems: [{ type: 'string' }], $defs: { a: { type: 'number' } } }), [], '2020-12 keywords');
    for (const bad of [{ type: 'nope' }, { amout: 1 }, { $ref: 'https://example.com/schema.json' }, { type: 'string', pattern: '(a)\\1' }, { minimum: 'zero' }]) {
      assert.equal(schemaProblems(bad).length, 1, JSON.stringify(bad));
    }
  });

  it('name every failing path of a payload, and nothing for one that passes', () => {
    assert.deepEqual(payloadProblems('inv@1', invoice, { amount: 3, email: 'a@example.com', lines: [{ sku: 'x' }] }), []);
    assert.deepEqual(payloadProblems('inv@1', invoice, { amount: -1, email: 'nope', lines: [{}] }).map((p) => p.path), ['/amount', '/email', '/lines/0']);
    assert.deepEqual(payloadProblems('inv@1', invoice, {}).map((p) => [p.path, p.message]), [['/', "must have required property 'amount'"]]);
    assert.deepEqual(problemsOnce(invoice, { amount: 1.5 }).map((p) => p.path), ['/amount']);
  });

  it('keep one schema from seeing another through $id and $ref', () => {
    const named = { $id: 'https://example.com/shared', type: 'string' };
    assert.deepEqual(schemaProblems(named), []);
    assert.deepEqual(schemaProblems(named), [], 'the same $id again compiles: each schema has a checker of its own');
    assert.equal(schemaProblems({ $ref: 'https://example.com/shared' }).length, 1, "another schema's $id does not resolve");
  });

  it('match patterns in time linear in the payload (RE2)', () => {
    assert.equal(payloadProblems('redos@1', { type: 'string', pattern: '^(a+)+$' }, `${'a'.repeat(50_000)}b`).length, 1);
  });
});
