import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { databaseTrouble } from '../../src/db/availability';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('PostgreSQL trouble, told from a bad request', () => {
  it('names a full disk', () => {
    assert.equal(databaseTrouble(withCode('53100', 'could not extend file: No space left on device')), 'full');
  });

  it('names a server out of reach, shutting down, out of connections or memory', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', '08006', '08001', '57P01', '57P03', '53300', '53200']) {
      assert.equal(databaseTrouble(withCode(code)), 'unavailable', code);
    }
    for (const message of ['timeout exceeded when trying to connect', 'Connection terminated unexpectedly', 'Query read timeout']) {
      assert.equal(databaseTrouble(new Error(message)), 'unavailable', message);
    }
  });

  it('leaves the caller\'s own mistakes and our bugs alone', () => {
    for (const code of ['23505', '22021', '42P01', '40001']) assert.equal(databaseTrouble(withCode(code)), undefined, code);
    assert.equal(databaseTrouble(new TypeError('x is undefined')), undefined);
    assert.equal(databaseTrouble(undefined), undefined);
  });
});
