// `lab up N`: make hosts lab-1 … lab-N run. Idempotent: running hosts are kept, dead ones restarted
// (their upperdir intact), missing ones created.
import { mkdirSync } from 'node:fs'
import { resolve } from 'node:path'
import pLimit from 'p-limit'
import { LabError } from '../errors.js'
import { labInfoFrom, type LabInfo } from './info.js'
import { ensureClientKey, ensurePassword, hashPassword } from './keys.js'
import { withLock } from './lock.js'
import { addHostNetworks, assertRoutedToBridge, createBridge, linkExists, netnsExists, pickSubnet, subnetsInUse } from './network.js'
import {
  DEFAULT_HOST_PREFIX,
  DEFAULT_LAB_NAME,
  MAX_HOSTS,
  checkHostPrefix,
  bridgeName,
  hostIp,
  hostName,
  hostPaths,
  labPaths,
  labsRoot,
  netnsName,
  vethName,
  type LabPaths,
} from './paths.js'
import { requireTools } from './preflight.js'
import { isHostInit, startHostProcess, waitForSshd } from './host-process.js'
import { buildCommonLayer, buildHostLayer, mountLabFs } from './rootfs.js'
import { readState, writeState, type HostState, type LabState } from './state.js'
import { writeInventory } from './inventory-writer.js'
import { teardown } from './down.js'
import { listLabs } from './list.js'
import { fitForMachine, type Limits } from './neighbours.js'

export interface UpOptions {
  count: number
  name?: string
  root?: string // parent of state dirs; default $TSPLAY_LAB_DIR or /var/lib/tsplay/labs
  inventoryDir?: string // also write hosts.ini here
  concurrency?: number
  owner?: number // pid recorded in state.json: a lab whose owner died may be swept (see staleLabs)
  /** Host names PREFIX-1 … PREFIX-N (default 'lab'), fixed when the lab is made. */
  prefix?: string
}

export interface UpResult extends LabInfo {
  started: string[] // hosts (re)started by this call
  inventoryFiles: string[]
  /** The kernel's neighbour table thresholds, when this call had to raise them for the machine's lab hosts. */
  neighbours?: { from: Limits; to: Limits }
}

export async function labUp(options: UpOptions): Promise<UpResult> {
  requireTools()
  const name = options.name ?? DEFAULT_LAB_NAME
  const root = options.root ?? labsRoot()
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > MAX_HOSTS) {
    throw new LabError(`host count must be 1 to ${MAX_HOSTS}, got ${options.count}`)
  }
  const paths = labPaths(name, root)
  mkdirSync(root, { recursive: true, mode: 0o755 })
  return withLock(`${paths.dir}.lock`, () => up(name, root, paths, options))
}

async function up(name: string, root: string, paths: LabPaths, options: UpOptions): Promise<UpResult> {
  let state = readState(paths)
  if (state && !(await linkExists(state.bridge))) {
    await teardown(name, paths, state) // left over from a reboot or a crash: start clean
    state = undefined
  }
  state ??= await createLab(name, root, paths, options.prefix)
  const prefix = state.prefix ?? DEFAULT_HOST_PREFIX
  if (options.prefix !== undefined && options.prefix !== prefix) {
    throw new LabError(`lab '${name}' names its hosts ${prefix}-N, not ${options.prefix}-N`, `remove it first (tsplay lab down --name ${name}) to change the prefix`)
  }
  if (options.owner !== undefined) state.owner = options.owner
  await mountLabFs(paths, name)
  mkdirSync(paths.logs, { recursive: true, mode: 0o700 })
  const authorizedKey = await ensureClientKey(paths.key, `tsplay-lab-${name}`)
  const passwordHash = await hashPassword(ensurePassword(paths.password))
  await buildCommonLayer(paths, { subnet: state.subnet, prefix, authorizedKey, passwordHash })

  const limit = pLimit(options.concurrency ?? 8)
  const hostKeys = new Map<string, string>()
  for (let i = 1; i <= options.count; i++) {
    if (!state.hosts.some((h) => h.index === i)) state.hosts.push(newHost(state, i, prefix))
  }
  await Promise.all(
    state.hosts.map((h) => limit(async () => hostKeys.set(h.name, await buildHostLayer(hostPaths(paths, h.name), h.name)))),
  )
  const missingNet = []
  for (const h of state.hosts) if (!(await netnsExists(h.netns))) missingNet.push(h)
  await addHostNetworks(state.bridge, missingNet)
  writeState(paths, state)
  const neighbours = await fitForMachine() // before the hosts start answering: room for their entries

  await assertRoutedToBridge(state.hosts[0].ip, state.bridge)
  const dead = state.hosts.filter((h) => !isHostInit(h))
  // allSettled: every started host's pids reach state.json even when another host fails.
  const results = await Promise.allSettled(dead.map((h) => limit(() => startHost(paths, h))))
  writeState(paths, state)
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failed) throw failed.reason
  const inventoryFiles = writeInventory(state, paths, hostKeys, options.inventoryDir)
  const outside = inventoryFiles.filter((f) => !f.startsWith(paths.dir + '/'))
  if (outside.length) {
    state.inventoryFiles = [...new Set([...(state.inventoryFiles ?? []), ...outside.map((f) => resolve(f))])]
    writeState(paths, state)
  }
  return { ...labInfoFrom(state, paths), started: dead.map((h) => h.name), inventoryFiles, ...(neighbours ? { neighbours } : {}) }
}

async function startHost(paths: LabPaths, host: HostState): Promise<void> {
  const hp = hostPaths(paths, host.name)
  Object.assign(host, await startHostProcess(paths, hp, host))
  if (!host.cut) await waitForSshd(host, hp) // a cut host cannot answer until `lab heal`
}

/** Picks a free subnet and creates the bridge under a machine-wide lock, so concurrent labs never collide. */
async function createLab(name: string, root: string, paths: LabPaths, prefix?: string): Promise<LabState> {
  const bridge = bridgeName(name)
  if (prefix !== undefined) checkHostPrefix(prefix)
  return withLock('/run/tsplay-lab-subnets.lock', async () => {
    if (await linkExists(bridge)) {
      throw new LabError(`interface ${bridge} exists but ${paths.state} does not`, 'another lab with this name runs from another TSPLAY_LAB_DIR; use another --name')
    }
    const used = await subnetsInUse()
    for (const other of listLabs(root)) if (other.name !== name) used.add(other.subnet)
    const state: LabState = { version: 1, name, subnet: pickSubnet(used), bridge, ...(prefix && prefix !== DEFAULT_HOST_PREFIX ? { prefix } : {}), hosts: [] }
    writeState(paths, state) // before the bridge exists, so `down` can always clean up
    await createBridge(bridge, state.subnet)
    return state
  })
}

function newHost(state: LabState, index: number, prefix: string): HostState {
  return {
    name: hostName(index, prefix),
    index,
    ip: hostIp(state.subnet, index),
    netns: netnsName(state.name, index),
    veth: vethName(state.name, index),
  }
}
