// `lab down`: kill every host, delete namespaces, veths and the bridge, unmount, remove the state
// dir. Works from state.json, then sweeps by name so a half-built lab is removed as well.
import { existsSync, readFileSync, rmSync } from 'node:fs'
import { setTimeout as sleep } from 'node:timers/promises'
import { LabError } from '../errors.js'
import { exec } from './exec.js'
import { stopHostProcess } from './host-process.js'
import { withLock } from './lock.js'
import { deleteBridge, netnsPids, removeHostNetworks } from './network.js'
import { DEFAULT_LAB_NAME, bridgeName, labPaths, labsRoot, vethName, type LabPaths } from './paths.js'
import { requireLinuxRoot } from './preflight.js'
import { kill, pidAlive, processesUnder } from './procs.js'
import { mountsUnder, unmountLabFs } from './rootfs.js'
import { fitForMachine, type Limits } from './neighbours.js'
import { readState, type HostState, type LabState } from './state.js'

export interface DownResult {
  name: string
  existed: boolean
  hosts: number
  /** The neighbour table thresholds, when the hosts left no longer need what `lab up` raised them to. */
  neighbours?: { from: Limits; to: Limits }
}

export async function labDown(options: { name?: string; root?: string } = {}): Promise<DownResult> {
  requireLinuxRoot()
  const name = options.name ?? DEFAULT_LAB_NAME
  const paths = labPaths(name, options.root ?? labsRoot())
  return withLock(`${paths.dir}.lock`, async () => {
    let state: LabState | undefined
    try {
      state = readState(paths)
    } catch {
      state = undefined // unreadable state: the sweep below still finds everything by name
    }
    const existed = await teardown(name, paths, state)
    const neighbours = await fitForMachine() // the hosts left may fit the table as it was again
    return { name, existed, hosts: state?.hosts.length ?? 0, ...(neighbours ? { neighbours } : {}) }
  })
}

/** Returns whether there was anything to remove. Safe to run twice. */
export async function teardown(name: string, paths: LabPaths, state: LabState | undefined): Promise<boolean> {
  const hosts = state?.hosts ?? []
  await Promise.all(hosts.map((h) => stopHostProcess(h).catch(() => undefined)))

  const namespaces = await labNamespaces(name)
  const strays = new Set<number>(processesUnder(paths.dir))
  for (const ns of namespaces) for (const pid of await netnsPids(ns)) strays.add(pid)
  for (const pid of strays) kill(pid)
  await waitGone([...strays])

  const byName: HostState[] = namespaces.map((ns) => ({ name: ns, index: 0, ip: '', netns: ns, veth: vethOf(name, ns) }))
  await removeHostNetworks([...hosts, ...byName.filter((b) => !hosts.some((h) => h.netns === b.netns))])
  await deleteBridge(state?.bridge ?? bridgeName(name))
  const hadMounts = mountsUnder(paths.dir).length > 0
  await unmountLabFs(paths)
  if (mountsUnder(paths.dir).length > 0) throw new LabError(`could not unmount everything under ${paths.dir}`)
  const existed = state !== undefined || namespaces.length > 0 || hadMounts
  for (const file of state?.inventoryFiles ?? []) if (writtenFor(name, file)) rmSync(file, { force: true })
  rmSync(paths.dir, { recursive: true, force: true })
  return existed
}

/** An inventory file `lab up` wrote for this lab and nobody replaced since (its first line says so). */
function writtenFor(name: string, file: string): boolean {
  return existsSync(file) && readFileSync(file, 'utf8').split('\n', 1)[0].includes(`for lab '${name}'`)
}

async function labNamespaces(name: string): Promise<string[]> {
  const { stdout } = await exec('ip', ['netns', 'list'])
  const re = new RegExp(`^tsplay-${name}-[0-9]+$`)
  return stdout
    .split('\n')
    .map((l) => l.split(' ')[0])
    .filter((n) => re.test(n))
}

function vethOf(name: string, netns: string): string {
  return vethName(name, Number(netns.slice(`tsplay-${name}-`.length)))
}

async function waitGone(pids: number[], timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (pids.some(pidAlive)) {
    if (Date.now() > deadline) throw new LabError(`processes ${pids.filter(pidAlive).join(', ')} survived SIGKILL`)
    await sleep(10)
  }
}
