import assert from 'node:assert/strict';
import { test } from 'node:test';
import { html, query } from '../../src/portal/html';

test('interpolated text is escaped, nested markup is not', () => {
  const hostile = `<script>alert("x")</script>' onload='x`;
  const page = html`<p title="${hostile}">${hostile}${html`<b>${'&'}</b>`}</p>`;
  assert.equal(
    page.markup,
    '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x<b>&amp;</b></p>',
  );
});

test('lists are joined, and null, undefined and false leave nothing', () => {
  assert.equal(html`<ul>${['a', 'b'].map((item) => html`<li>${item}</li>`)}${null}${undefined}${false}</ul>`.markup, '<ul><li>a</li><li>b</li></ul>');
  assert.equal(html`${0}`.markup, '0');
});

test('query keeps only the values that are set', () => {
  assert.equal(query({ status: 'failed', endpointId: '', cursor: undefined, type: 'a b&c' }), '?status=failed&type=a+b%26c');
  assert.equal(query({}), '');
});
