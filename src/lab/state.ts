// state.json: what a lab is made of, so every verb (and every test) can find its pieces again.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { LabError } from '../errors.js'
import type { LabPaths } from './paths.js'

export interface HostState {
  name: string // lab-1
  index: number
  ip: string
  netns: string
  veth: string // host-side end, on the bridge
  pid?: number // unshare, parent of the PID-namespace init
  initPid?: number // PID 1 of the host (becomes sshd)
  cut?: boolean
}

export interface LabState {
  version: 1
  name: string
  subnet: number // X in 10.213.X.0/24
  bridge: string
  owner?: number // pid of the process the lab belongs to (test runs), if any
  /** Host names are PREFIX-N (default 'lab'): set when the lab is made, kept for its life. */
  prefix?: string
  /** Inventory files written outside the state dir (`lab up --inventory DIR`): `lab down` removes them. */
  inventoryFiles?: string[]
  hosts: HostState[]
}

export function readState(paths: LabPaths): LabState | undefined {
  if (!existsSync(paths.state)) return undefined
  try {
    const state = JSON.parse(readFileSync(paths.state, 'utf8')) as LabState
    if (state.version !== 1 || !Array.isArray(state.hosts)) throw new Error('unknown layout')
    return state
  } catch (error) {
    throw new LabError(`${paths.state}: unreadable lab state (${(error as Error).message})`, 'remove the lab with `tsplay lab down`')
  }
}

export function writeState(paths: LabPaths, state: LabState): void {
  mkdirSync(paths.dir, { recursive: true, mode: 0o700 })
  const tmp = `${paths.state}.tmp`
  state.hosts.sort((a, b) => a.index - b.index)
  writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 })
  renameSync(tmp, paths.state)
}
