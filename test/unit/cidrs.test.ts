import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { addressInCidrs, parseCidr, type Cidr } from '../../src/cidrs';

const cidrs = (...entries: string[]) => entries.map((entry) => parseCidr(entry) as Cidr);

describe('CIDRs', () => {
  it('read a CIDR or a single address', () => {
    assert.deepEqual(parseCidr('10.0.0.0/8')?.[1], 8);
    assert.deepEqual(parseCidr('::1')?.[1], 128);
    assert.deepEqual(parseCidr('192.168.0.1')?.[1], 32);
    for (const bad of ['', 'localhost', '10.0.0.0/33', '::1/129', '10.0.0.0/x']) assert.equal(parseCidr(bad), undefined, bad);
  });

  it('say whether a peer address is in one of them', () => {
    const allowed = cidrs('192.0.2.0/24', '2001:db8::/32', '127.0.0.1');
    assert.ok(addressInCidrs('192.0.2.200', allowed));
    assert.ok(addressInCidrs('2001:db8::5', allowed));
    assert.ok(addressInCidrs('127.0.0.1', allowed));
    assert.ok(!addressInCidrs('192.0.3.1', allowed));
    assert.ok(!addressInCidrs('127.0.0.2', allowed));
    assert.ok(!addressInCidrs('', allowed));
    assert.ok(!addressInCidrs('not an address', allowed));
  });

  it('judge an IPv4 peer on a dual-stack socket as the IPv4 address it is', () => {
    assert.ok(addressInCidrs('::ffff:192.0.2.9', cidrs('192.0.2.0/24')));
    assert.ok(!addressInCidrs('::ffff:192.0.3.9', cidrs('192.0.2.0/24')));
  });
});
