// Per-host fault injection and status: stop/start (the whole PID namespace), cut/heal (its link).
import { LabError } from '../errors.js'
import { isHostInit, startHostProcess, stopHostProcess, tcpOpen, waitForSshd } from './host-process.js'
import { withLock } from './lock.js'
import { assertRoutedToBridge, setLinkUp } from './network.js'
import { DEFAULT_LAB_NAME, hostPaths, labPaths, labsRoot, parseHostName, type LabPaths } from './paths.js'
import { requireLinuxRoot, requireTools } from './preflight.js'
import { readState, writeState, type HostState, type LabState } from './state.js'

export interface LabTarget {
  name?: string
  root?: string
}

export interface HostStatus {
  name: string
  ip: string
  alive: boolean // the host's PID namespace runs
  ssh: boolean // sshd accepts TCP on ip:22
  cut: boolean
}

export async function labStatus(target: LabTarget = {}): Promise<{ name: string; hosts: HostStatus[] }> {
  requireLinuxRoot()
  const { state } = load(target)
  if (state.hosts.length > 0) await assertRoutedToBridge(state.hosts[0].ip, state.bridge)
  const hosts = await Promise.all(
    state.hosts.map(async (h) => {
      const alive = isHostInit(h)
      const ssh = alive && !h.cut && (await tcpOpen(h.ip, 22, 300))
      return { name: h.name, ip: h.ip, alive, ssh, cut: h.cut === true }
    }),
  )
  return { name: state.name, hosts }
}

export async function labStop(host: string, target: LabTarget = {}): Promise<void> {
  await onHost(host, target, async (h) => stopHostProcess(h))
}

export async function labStart(host: string, target: LabTarget = {}): Promise<void> {
  requireTools()
  await onHost(host, target, async (h, paths, state) => {
    if (isHostInit(h)) return
    const hp = hostPaths(paths, h.name)
    await assertRoutedToBridge(h.ip, state.bridge)
    Object.assign(h, await startHostProcess(paths, hp, h))
    if (!h.cut) await waitForSshd(h, hp)
  })
}

export async function labCut(host: string, target: LabTarget = {}): Promise<void> {
  await onHost(host, target, async (h) => {
    await setLinkUp(h.veth, false)
    h.cut = true
  })
}

export async function labHeal(host: string, target: LabTarget = {}): Promise<void> {
  await onHost(host, target, async (h) => {
    await setLinkUp(h.veth, true)
    h.cut = false
  })
}

function load(target: LabTarget): { state: LabState; paths: LabPaths } {
  const name = target.name ?? DEFAULT_LAB_NAME
  const paths = labPaths(name, target.root ?? labsRoot())
  const state = readState(paths)
  if (!state) throw new LabError(`no lab '${name}' (no ${paths.state})`, `start one with \`tsplay lab up N --name ${name}\``)
  return { state, paths }
}

async function onHost(host: string, target: LabTarget, fn: (h: HostState, paths: LabPaths, state: LabState) => Promise<void>): Promise<void> {
  requireLinuxRoot()
  const { paths } = load(target)
  await withLock(`${paths.dir}.lock`, async () => {
    const { state } = load(target) // re-read under the lock
    const index = parseHostName(host, state.hosts.map((h) => h.name))
    const h = state.hosts.find((x) => x.index === index)!
    try {
      await fn(h, paths, state)
    } finally {
      writeState(paths, state)
    }
  })
}
