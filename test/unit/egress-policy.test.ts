/**
 * The egress policy on addresses alone: every range the default blocks, the IPv6 forms that carry
 * an IPv4 address, the allow-list, and URLs judged at creation. No packet is sent.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createEgressPolicy, urlEgressProblem } from '../../src/egress/address-policy';

const closed = createEgressPolicy([]);

describe('the default egress policy', () => {
  const blocked: [string, string][] = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['10.0.0.1', 'private'],
    ['172.16.5.4', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['169.254.169.254', 'linkLocal'], // cloud metadata
    ['100.64.0.1', 'carrierGradeNat'],
    ['100.127.255.255', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.10', 'reserved'],
    ['240.0.0.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['fec0::1', 'reserved'], // site-local, deprecated: outside global unicast
    ['2001:db8::1', 'reserved'], // documentation
    ['64:ff9b:1::a00:1', 'rfc8215'], // local-use NAT64
  ];
  for (const [address, range] of blocked) {
    it(`blocks ${address} (${range})`, () => assert.equal(closed.blockedRange(address), range));
  }

  const embedded: [string, string][] = [
    ['::ffff:127.0.0.1', 'loopback'], // IPv4-mapped
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:0:10.1.2.3', 'private'], // IPv4-translated
    ['64:ff9b::10.0.0.1', 'private'], // NAT64
    ['64:ff9b::a9fe:a9fe', 'linkLocal'],
    ['2002:7f00:1::1', 'loopback'], // 6to4 of 127.0.0.1
    ['2002:c0a8:101::1', 'private'], // 6to4 of 192.168.1.1
    ['::127.0.0.1', 'loopback'], // IPv4-compatible, deprecated
  ];
  for (const [address, range] of embedded) {
    it(`judges ${address} by the IPv4 address it carries (${range})`, () => assert.equal(closed.blockedRange(address), range));
  }

  for (const address of ['93.184.215.14', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1']) {
    it(`allows the public address ${address}`, () => assert.equal(closed.blockedRange(address), undefined));
  }

  it('calls what is not an address invalid', () => assert.equal(closed.blockedRange('example.com'), 'invalid'));
});

describe('the allow-list', () => {
  const open = createEgressPolicy(['127.0.0.0/8', '::1/128', '10.1.0.0/16', '192.168.7.7']);

  it('opens the CIDRs it names, and only those', () => {
    assert.equal(open.blockedRange('127.0.0.1'), undefined);
    assert.equal(open.blockedRange('::1'), undefined);
    assert.equal(open.blockedRange('10.1.200.3'), undefined);
    assert.equal(open.blockedRange('10.2.0.1'), 'private');
    assert.equal(open.blockedRange('192.168.7.7'), undefined);
    assert.equal(open.blockedRange('192.168.7.8'), 'private');
    assert.equal(open.blockedRange('169.254.169.254'), 'linkLocal');
  });

  it('covers the IPv6 forms of an allowed IPv4 address', () => {
    assert.equal(open.blockedRange('::ffff:127.0.0.1'), undefined);
    assert.equal(open.blockedRange('64:ff9b::10.1.0.9'), undefined);
  });

  it('refuses an allow-list entry that is not a CIDR', () => {
    assert.throws(() => createEgressPolicy(['nonsense']), /not a CIDR/);
  });
});

describe('URLs at creation', () => {
  it('refuses literal addresses in every spelling the URL parser accepts', () => {
    for (const url of [
      'http://169.254.169.254/latest/meta-data/',
      'http://127.0.0.1:55432/',
      'http://[::ffff:127.0.0.1]:3000/',
      'http://2130706433:3000/', // 127.0.0.1 as one number
      'http://0x7f.1/', // hex and short form
      'http://017700000001/', // octal
      'http://[::1]/',
      'https://10.0.0.8/hook',
      'http://localhost:3000/',
      'http://api.localhost/',
      'http://LOCALHOST./',
    ]) {
      assert.match(urlEgressProblem(url, closed) ?? '', /egress policy does not allow/, url);
    }
  });

  it('leaves names to the connect-time check, and allows what the allow-list opens', () => {
    assert.equal(urlEgressProblem('https://hooks.example.com/x', closed), undefined);
    assert.equal(urlEgressProblem('http://internal.corp/x', closed), undefined);
    assert.equal(urlEgressProblem('https://93.184.215.14/x', closed), undefined);
    const loopback = createEgressPolicy(['127.0.0.0/8']);
    assert.equal(urlEgressProblem('http://127.0.0.1:3000/', loopback), undefined);
    assert.equal(urlEgressProblem('http://localhost:3000/', loopback), undefined);
    assert.match(urlEgressProblem('http://[::1]:3000/', loopback) ?? '', /loopback/);
  });
});
