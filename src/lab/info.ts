// LabInfo: everything a user, a test or the bench needs to reach a lab's hosts.
import { readFileSync } from 'node:fs'
import { hostPaths, labPaths, labsRoot, type LabPaths } from './paths.js'
import { readState, type LabState } from './state.js'
import { LabError } from '../errors.js'

export interface LabHostInfo {
  name: string
  ip: string
  netns: string
  upperdir: string // every file the host wrote, relative to its root
  rootdir: string // the host's merged root, as seen from inside the host's mount namespace
}

export interface LabInfo {
  name: string
  dir: string
  subnet: string // 10.213.X.0/24
  bridge: string
  key: string // private key for root and deploy
  knownHosts: string
  hostsIni: string
  passwordFile: string // deploy's password
  hosts: LabHostInfo[]
}

export function labInfoFrom(state: LabState, paths: LabPaths): LabInfo {
  return {
    name: state.name,
    dir: paths.dir,
    subnet: `10.213.${state.subnet}.0/24`,
    bridge: state.bridge,
    key: paths.key,
    knownHosts: paths.knownHosts,
    hostsIni: paths.hostsIni,
    passwordFile: paths.password,
    hosts: state.hosts.map((h) => {
      const hp = hostPaths(paths, h.name)
      return { name: h.name, ip: h.ip, netns: h.netns, upperdir: hp.upper, rootdir: hp.merged }
    }),
  }
}

/** Info of a running lab, read from its state dir. */
export function labInfo(name: string, root = labsRoot()): LabInfo {
  const paths = labPaths(name, root)
  const state = readState(paths)
  if (!state) throw new LabError(`no lab '${name}' (no ${paths.state})`, `start it with \`tsplay lab up N --name ${name}\``)
  return labInfoFrom(state, paths)
}

export function deployPassword(info: LabInfo): string {
  return readFileSync(info.passwordFile, 'utf8').trim()
}
