// `ip -json -details link show` → Link[].
import { isRecord, num, parseJsonOutput, records, str, strArray } from './json.js';
import { guard, ok, type Result } from './result.js';
import type { Link } from './types.js';

export function parseLinks(text: string): Result<Link[]> {
  return guard('ip link', () => {
    const json = parseJsonOutput(text, 'ip link');
    if (!json.ok) return json;
    const list = records(json.value, 'ip link');
    if (!list.ok) return list;
    const links: Link[] = [];
    for (const o of list.value) {
      const ifindex = num(o.ifindex);
      const name = str(o.ifname);
      if (ifindex === undefined || name === undefined) continue;
      const info = isRecord(o.linkinfo) ? o.linkinfo : {};
      const slave = isRecord(info.info_slave_data) ? info.info_slave_data : {};
      const link: Link = {
        ifindex,
        name,
        up: strArray(o.flags).includes('UP'),
        operstate: str(o.operstate) ?? 'UNKNOWN',
      };
      const type = str(info.info_kind) ?? (str(o.link_type) === 'loopback' ? 'loopback' : undefined);
      if (type !== undefined) link.type = type;
      const master = str(o.master);
      if (master !== undefined) link.master = master;
      const mac = str(o.address);
      if (mac !== undefined) link.mac = mac;
      const mtu = num(o.mtu);
      if (mtu !== undefined) link.mtu = mtu;
      // `link_index` is the peer's ifindex; older iproute2 printed "link" as "name@peer" only.
      const peerIfindex = num(o.link_index);
      if (peerIfindex !== undefined) link.peerIfindex = peerIfindex;
      const peerNetnsId = num(o.link_netnsid);
      if (peerNetnsId !== undefined) link.peerNetnsId = peerNetnsId;
      const portState = str(slave.state);
      if (portState !== undefined) link.portState = portState;
      links.push(link);
    }
    return ok(links);
  });
}
