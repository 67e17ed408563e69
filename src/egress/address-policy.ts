/**
 * Which addresses Switchyard may connect to on its tenants' behalf. Tenants choose the URLs, so
 * without this check they could make the gateway reach what only the gateway can reach: a cloud
 * metadata service, the database, Temporal's frontend, anything on the private network.
 *
 * Public unicast addresses are allowed. Everything else (loopback, RFC 1918, link-local, CGNAT,
 * unique-local, multicast, unspecified, reserved and documentation ranges) is blocked unless the
 * operator's allow-list (SWITCHYARD_EGRESS_ALLOW) covers it. IPv6 forms that carry an IPv4 address
 * (mapped, translated, NAT64, 6to4) are judged by the address they carry, so `::ffff:127.0.0.1`
 * is loopback.
 *
 * Pure: the connector that applies it at connect time is in activities/http-send.ts.
 */
import ipaddr from 'ipaddr.js';
import { covered, parseCidr, type Address } from '../cidrs';

export interface EgressPolicy {
  /** The CIDRs the operator opened, as written (for messages and the banner). */
  readonly allowList: readonly string[];
  /** Undefined when the address may be reached; otherwise the name of the range that blocks it. */
  blockedRange(address: string): string | undefined;
}

/** What `dev`, the tests and the benchmark open when SWITCHYARD_EGRESS_ALLOW is unset: their receivers listen here. */
export const LOOPBACK_CIDRS = ['127.0.0.0/8', '::1/128'];

/** Global unicast IPv6: everything outside it is special-purpose. */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');
/** RFC 8215's local-use NAT64 prefix, which ipaddr.js does not name; what it embeds is local by definition. */
const LOCAL_NAT64 = ipaddr.parseCIDR('64:ff9b:1::/48');

/** The IPv4 address an IPv6 one carries in its last 32 bits (or, for 6to4, bits 16-47). */
function embeddedIPv4(address: ipaddr.IPv6): ipaddr.IPv4 | undefined {
  const [p0 = 0, p1 = 0, p2 = 0, p3 = 0, p4 = 0, p5 = 0, p6 = 0, p7 = 0] = address.parts;
  const ipv4 = (high: number, low: number) => new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
  switch (address.range()) {
    case 'ipv4Mapped': // ::ffff:a.b.c.d
    case 'rfc6145': // ::ffff:0:a.b.c.d
    case 'rfc6052': // 64:ff9b::a.b.c.d
      return ipv4(p6, p7);
    case '6to4': // 2002:aabb:ccdd::/48
      return ipv4(p1, p2);
    case 'unicast':
      // The deprecated IPv4-compatible form, ::a.b.c.d (:: and ::1 have ranges of their own).
      return [p0, p1, p2, p3, p4, p5].every((part) => part === 0) ? ipv4(p6, p7) : undefined;
    default:
      return undefined;
  }
}

function ownRange(address: Address): string | undefined {
  if (address.kind() === 'ipv4') {
    const range = address.range();
    return range === 'unicast' ? undefined : range;
  }
  const v6 = address as ipaddr.IPv6;
  if (v6.match(LOCAL_NAT64)) return 'rfc8215';
  const range = v6.range();
  if (range !== 'unicast') return range;
  return v6.match(GLOBAL_UNICAST_V6) ? undefined : 'reserved';
}

export function createEgressPolicy(allowList: readonly string[]): EgressPolicy {
  const allow = allowList.map((entry) => {
    const cidr = parseCidr(entry);
    if (!cidr) throw new Error(`not a CIDR or address: ${entry}`);
    return cidr;
  });
  return {
    allowList: [...allowList],
    blockedRange(text) {
      if (!ipaddr.isValid(text)) return 'invalid';
      const address = ipaddr.parse(text);
      if (covered(address, allow)) return undefined;
      if (address.kind() === 'ipv6') {
        const inner = embeddedIPv4(address as ipaddr.IPv6);
        if (inner) return covered(inner, allow) ? undefined : ownRange(inner);
      }
      return ownRange(address);
    },
  };
}

/** Names that always mean this machine (RFC 6761), whatever a resolver says. */
function isLocalhostName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Why a URL's host cannot be reached, when the URL alone says so: a literal address in a blocked
 * range, or `localhost`. Anything else is a name, judged by what it resolves to at connect time.
 * WHATWG URL parsing has already normalised the odd spellings (`2130706433`, `0x7f.1`, `[::ffff:7f00:1]`).
 */
export function urlEgressProblem(url: string, policy: EgressPolicy): string | undefined {
  if (!URL.canParse(url)) return undefined;
  const hostname = new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
  const address = ipaddr.isValid(hostname) ? hostname : isLocalhostName(hostname) ? '127.0.0.1' : undefined;
  if (address === undefined) return undefined;
  const range = policy.blockedRange(address);
  return range === undefined ? undefined : `points at an address in the ${range} range, which the egress policy does not allow (SWITCHYARD_EGRESS_ALLOW)`;
}
