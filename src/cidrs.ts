/**
 * CIDRs, as operators and tenants write them ("10.0.0.0/8", or a single address), and whether an
 * address falls in one. Pure; used by the egress policy and the inbound sources' allow-lists.
 */
import ipaddr from 'ipaddr.js';

export type Address = ipaddr.IPv4 | ipaddr.IPv6;
export type Cidr = [Address, number];

/** One CIDR, or a single address (a /32 or /128); undefined when it is neither. */
export function parseCidr(text: string): Cidr | undefined {
  const trimmed = text.trim();
  try {
    if (trimmed.includes('/')) return ipaddr.parseCIDR(trimmed);
    const address = ipaddr.parse(trimmed);
    return [address, address.kind() === 'ipv4' ? 32 : 128];
  } catch {
    return undefined;
  }
}

export function covered(address: Address, cidrs: readonly Cidr[]): boolean {
  return cidrs.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/**
 * Whether a peer's address (as a socket reports it) is in one of the CIDRs. A dual-stack socket
 * reports IPv4 peers as `::ffff:a.b.c.d`; they are judged as the IPv4 address they are.
 */
export function addressInCidrs(address: string, cidrs: readonly Cidr[]): boolean {
  if (!ipaddr.isValid(address)) return false;
  return covered(ipaddr.process(address), cidrs);
}
