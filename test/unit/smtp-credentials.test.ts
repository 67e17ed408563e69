import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scrubbed, smtpCredentialForms, smtpServerName } from '../../src/notices/smtp-credentials';

describe('SMTP credentials in error text', () => {
  const url = 'smtps://mailer%40acme.test:p%40ss%2Fw0rd!@smtp.example.com:465';

  it('names the server by host and port only', () => {
    assert.equal(smtpServerName(url), 'smtp.example.com:465');
    assert.equal(smtpServerName('smtp://user:pw@mx.example.com'), 'mx.example.com:587');
    assert.equal(smtpServerName('smtps://mx.example.com'), 'mx.example.com:465');
  });

  it('removes the user and password however they are spelled', () => {
    const plain = Buffer.from('\u0000mailer@acme.test\u0000p@ss/w0rd!').toString('base64');
    const login = Buffer.from('p@ss/w0rd!').toString('base64');
    const text = `Invalid login for mailer@acme.test with p@ss/w0rd! (p%40ss%2Fw0rd!), AUTH PLAIN ${plain}, AUTH LOGIN ${login}, url ${url}`;
    const out = scrubbed(text, smtpCredentialForms(url));
    for (const leak of ['p@ss/w0rd!', 'p%40ss%2Fw0rd!', 'mailer@acme.test', 'mailer%40acme.test', plain, login, 'w0rd']) {
      assert.ok(!out.includes(leak), `${leak} left in ${out}`);
    }
    assert.match(out, /^Invalid login for \[redacted\]/);
  });

  it('leaves text alone when the URL has no credentials', () => {
    const bare = 'smtp://127.0.0.1:2525';
    assert.equal(scrubbed('connect ECONNREFUSED 127.0.0.1:2525', smtpCredentialForms(bare)), 'connect ECONNREFUSED 127.0.0.1:2525');
  });
});
