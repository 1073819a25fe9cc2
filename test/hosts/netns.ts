/**
 * Two "hosts" for tests: Linux network namespaces joined by a veth pair, each with its own private /30 address and
 * its own /etc/hosts (ip netns exec mounts /etc/netns/<name>/hosts over /etc/hosts), as docker compose gives its
 * services names. Everything is made under names unique to this run and removed by `remove()`; traffic only ever
 * goes between these two namespaces. Needs root and iproute2 (.ci/run installs it).
 */
import { execFileSync, spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';

export interface Host {
  /** The namespace's name (for `ip netns exec`). */
  ns: string;
  address: string;
}

export interface HostPair {
  server: Host;
  client: Host;
  /** Starts a process inside a namespace. */
  spawnIn(host: Host, command: string, args: string[], options?: SpawnOptions): ChildProcess;
  /** Gives `name` → address in both hosts' /etc/hosts. */
  name(name: string, address: string): void;
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });

export function createHostPair(): HostPair {
  const id = randomBytes(4).toString('hex');
  // A private /30 of its own: the namespaces are ours alone, so another run's same numbers could not collide anyway.
  const net = `10.200.${randomBytes(1)[0]}`;
  const block = (randomBytes(1)[0]! % 64) * 4;
  const server: Host = { ns: `tps-${id}-server`, address: `${net}.${block + 1}` };
  const client: Host = { ns: `tps-${id}-client`, address: `${net}.${block + 2}` };
  const names: string[] = [];
  const made: string[] = [];
  const etcNetnsWasThere = existsSync('/etc/netns');
  const remove = () => {
    for (const ns of made.reverse()) {
      try {
        ip('netns', 'del', ns); // takes its end of the veth pair, and so the pair, with it
      } catch {
        /* already gone */
      }
      rmSync(`/etc/netns/${ns}`, { recursive: true, force: true });
    }
    made.length = 0;
    // Leave /etc as it was found: its netns folder goes too if this run made it and nobody else uses it.
    try {
      if (!etcNetnsWasThere && readdirSync('/etc/netns').length === 0) rmdirSync('/etc/netns');
    } catch {
      /* gone already, or another run has just put its namespace there */
    }
  };
  const writeHosts = () => {
    const text = `127.0.0.1 localhost\n::1 localhost\n${names.join('\n')}\n`;
    for (const host of [server, client]) {
      mkdirSync(`/etc/netns/${host.ns}`, { recursive: true });
      writeFileSync(`/etc/netns/${host.ns}/hosts`, text);
    }
  };
  try {
    for (const host of [server, client]) {
      ip('netns', 'add', host.ns);
      made.push(host.ns);
      ip('-n', host.ns, 'link', 'set', 'lo', 'up');
    }
    ip('link', 'add', `tps${id}s`, 'netns', server.ns, 'type', 'veth', 'peer', 'name', `tps${id}c`, 'netns', client.ns);
    for (const [host, link] of [[server, `tps${id}s`], [client, `tps${id}c`]] as const) {
      ip('-n', host.ns, 'addr', 'add', `${host.address}/30`, 'dev', link);
      ip('-n', host.ns, 'link', 'set', link, 'up');
    }
    writeHosts();
  } catch (error) {
    remove();
    throw new Error(`could not make the test's network namespaces (root and iproute2 are needed): ${(error as Error).message}`);
  }
  return {
    server,
    client,
    spawnIn: (host, command, args, options = {}) => spawn('ip', ['netns', 'exec', host.ns, command, ...args], options),
    name(name, address) {
      names.push(`${address} ${name}`);
      writeHosts();
    },
    remove,
  };
}
