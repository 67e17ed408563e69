import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientInputError, removedMeanwhile } from '../../src/api/errors';

/** An error as node-postgres raises it for a statement PostgreSQL refused. */
const postgresError = (code: string) => Object.assign(new Error('refused'), { code, severity: 'ERROR' });

describe('API errors from PostgreSQL', () => {
  it('a write refused by a foreign key is a 409 removed_meanwhile: what it referred to was deleted meanwhile', () => {
    const answer = removedMeanwhile(postgresError('23503'));
    assert.equal(answer?.status, 409);
    assert.equal(answer?.code, 'removed_meanwhile');
  });

  it('other refusals, and errors that only look like PostgreSQL, are not', () => {
    assert.equal(removedMeanwhile(postgresError('23505')), undefined);
    assert.equal(removedMeanwhile(Object.assign(new Error('no severity'), { code: '23503' })), undefined);
    assert.equal(removedMeanwhile(undefined), undefined);
  });

  it('a NUL in text stays the caller’s 400, not a conflict', () => {
    assert.equal(clientInputError(postgresError('22021'))?.code, 'invalid_text');
    assert.equal(removedMeanwhile(postgresError('22021')), undefined);
  });
});
