import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createAuthorizer } from '../../activities/endpoint-auth';
import type { SendRequest } from '../../activities/http-send';
import type { SendResult } from '../../src/deliveries/send-result';
import { endpointAuthSchema, parseTokenAnswer, shownAuth, staticAuthorization, tokenRequest, type EndpointAuth } from '../../src/endpoints/credentials';

const oauth: Extract<EndpointAuth, { type: 'oauth2' }> = { type: 'oauth2', tokenUrl: 'https://auth.example.com/token', clientId: 'id:1', clientSecret: 's&cret', scope: 'a b' };

/** A token server answering from a list, recording what it was asked. */
function tokenServer(answers: SendResult[]) {
  const asked: SendRequest[] = [];
  const send = async (request: SendRequest) => {
    asked.push(request);
    return answers.length > 1 ? answers.shift()! : answers[0]!;
  };
  return { asked, send };
}
const token = (value: string, expiresIn?: number): SendResult => ({
  ok: true,
  statusCode: 200,
  headers: {},
  body: JSON.stringify({ access_token: value, token_type: 'Bearer', ...(expiresIn !== undefined && { expires_in: expiresIn }) }),
  durationMs: 1,
});

describe('endpoint authentication', () => {
  it('makes Basic and Bearer headers, and shows none of the secrets', () => {
    assert.equal(staticAuthorization({ type: 'basic', username: 'u', password: 'p:w' }), `Basic ${Buffer.from('u:p:w').toString('base64')}`);
    assert.equal(staticAuthorization({ type: 'bearer', token: 't0k' }), 'Bearer t0k');
    assert.deepEqual(shownAuth({ type: 'basic', username: 'u', password: 'p' }), { type: 'basic', username: 'u' });
    assert.deepEqual(shownAuth(oauth), { type: 'oauth2', tokenUrl: oauth.tokenUrl, clientId: 'id:1', scope: 'a b', audience: null });
  });

  it('refuses credentials that could not be sent as headers', () => {
    for (const bad of [
      { type: 'basic', username: 'a:b', password: 'p' },
      { type: 'bearer', token: 'two words' },
      { type: 'bearer', token: 'line\nbreak' },
      { type: 'oauth2', tokenUrl: 'ftp://x/token', clientId: 'a', clientSecret: 'b' },
      { type: 'oauth2', tokenUrl: 'https://x/token', clientId: 'a', clientSecret: 'b', scope: 'quote"d' },
      { type: 'digest', username: 'u' },
    ]) {
      assert.equal(endpointAuthSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it('asks for a client-credentials token with Basic client authentication, form-encoding the id and secret first', () => {
    const { headers, body } = tokenRequest(oauth);
    assert.equal(headers.authorization, `Basic ${Buffer.from('id%3A1:s%26cret').toString('base64')}`);
    assert.deepEqual(Object.fromEntries(new URLSearchParams(body.toString())), { grant_type: 'client_credentials', scope: 'a b' });
  });

  it('reads a token answer, refreshing ahead of expiry, and says why an answer is unusable without quoting it', () => {
    assert.deepEqual(parseTokenAnswer(200, '{"access_token":"abc","token_type":"bearer","expires_in":3600}', 1_000), { accessToken: 'abc', refreshAt: 1_000 + 3_600_000 - 60_000 });
    assert.deepEqual(parseTokenAnswer(200, '{"access_token":"abc","expires_in":30}', 0), { accessToken: 'abc', refreshAt: 27_000 });
    assert.deepEqual(parseTokenAnswer(200, '{"access_token":"abc"}', 0), { accessToken: 'abc', refreshAt: 5 * 60_000 - 30_000 });
    assert.match((parseTokenAnswer(401, '{"error":"invalid_client"}', 0) as { error: string }).error, /answered 401/);
    assert.match((parseTokenAnswer(200, 'not json', 0) as { error: string }).error, /other than JSON/);
    assert.match((parseTokenAnswer(200, '{"access_token":"abc","token_type":"mac"}', 0) as { error: string }).error, /only bearer/);
    assert.ok(!JSON.stringify(parseTokenAnswer(200, '{"access_token":"with space"}', 0)).includes('with space'));
  });

  it('fetches an OAuth 2.0 token once for concurrent attempts, reuses it until shortly before it expires, and drops it on request', async () => {
    let now = 0;
    const server = tokenServer([token('t1', 120), token('t2', 120), token('t3', 120)]);
    const authorizer = createAuthorizer(server.send, () => now);
    const [a, b] = await Promise.all([authorizer.authorization('ep_1', oauth, 5_000), authorizer.authorization('ep_1', oauth, 5_000)]);
    assert.deepEqual([a, b], [{ header: 'Bearer t1' }, { header: 'Bearer t1' }]);
    assert.equal(server.asked.length, 1);
    assert.equal(server.asked[0]!.url, oauth.tokenUrl);

    now = 107_000; // 120 s tokens are refreshed 12 s ahead.
    assert.deepEqual(await authorizer.authorization('ep_1', oauth, 5_000), { header: 'Bearer t1' });
    now = 108_001;
    assert.deepEqual(await authorizer.authorization('ep_1', oauth, 5_000), { header: 'Bearer t2' });

    assert.equal(authorizer.forget('ep_1', oauth), true);
    assert.deepEqual(await authorizer.authorization('ep_1', oauth, 5_000), { header: 'Bearer t3' });
    assert.equal(authorizer.forget('ep_1', { type: 'bearer', token: 'x' }), false, 'a static credential has nothing to refresh');
    assert.deepEqual(await authorizer.authorization('ep_2', { ...oauth, clientSecret: 'other' }, 5_000), { header: 'Bearer t3' }, 'other credentials fetch their own');
    assert.equal(server.asked.length, 4);
  });

  it('turns a failed token request into an error that names the failure, not the secret', async () => {
    const authorizer = createAuthorizer(tokenServer([{ ok: false, errorClass: 'connect_refused', error: 'ECONNREFUSED', durationMs: 1 }]).send);
    const answer = await authorizer.authorization('ep_1', oauth, 5_000);
    assert.ok('error' in answer && /token request failed \(connect_refused\)/.test(answer.error) && !answer.error.includes('s&cret'));
  });
});
