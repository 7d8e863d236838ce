// Starting and killing one lab host: a PID namespace whose init mounts the overlay root and becomes sshd.
import { spawn } from 'node:child_process'
import { closeSync, openSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import { LabError } from '../errors.js'
import { quote } from '../util/shell-quote.js'
import type { HostPaths, LabPaths } from './paths.js'
import { childrenOf, kill, pidAlive } from './procs.js'
import { SSHD_CONFIG } from './sshd-config.js'
import type { HostState } from './state.js'

/** The script PID 1 of the host runs before it becomes sshd. All mounts die with the namespace. */
export function initScript(lab: LabPaths, host: HostPaths, name: string): string {
  const m = host.merged
  const overlay = `lowerdir=${host.conf}:${lab.common}:/,upperdir=${host.upper},workdir=${host.work}`
  return [
    'set -e',
    `mount -t overlay tsplay -o ${quote(overlay)} ${quote(m)}`,
    `mount -t proc proc ${quote(`${m}/proc`)}`,
    `mount -t sysfs sysfs ${quote(`${m}/sys`)}`,
    `mount --rbind /dev ${quote(`${m}/dev`)}`,
    // Its own /dev/shm and ptys: hosts share the machine's devices, not each other's scratch space.
    `mount -t tmpfs -o mode=1777,nosuid,nodev shm ${quote(`${m}/dev/shm`)}`,
    `mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts ${quote(`${m}/dev/pts`)}`,
    `mount --bind ${quote(`${m}/dev/pts/ptmx`)} ${quote(`${m}/dev/ptmx`)}`,
    `hostname ${quote(name)}`,
    `exec chroot ${quote(m)} /usr/sbin/sshd -D -e -f /${SSHD_CONFIG}`,
  ].join('\n')
}

/** Spawns the host detached; returns the unshare pid and the PID-namespace init's pid. */
export async function startHostProcess(lab: LabPaths, host: HostPaths, state: HostState): Promise<{ pid: number; initPid: number }> {
  const log = openSync(host.log, 'a')
  const args = ['netns', 'exec', state.netns, 'unshare', '--mount', '--uts', '--pid', '--fork', '--kill-child']
  args.push('--propagation', 'private', '/bin/sh', '-c', initScript(lab, host, state.name))
  const child = spawn('ip', args, {
    detached: true,
    stdio: ['ignore', log, log],
    env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', LANG: 'C.UTF-8' },
  })
  closeSync(log)
  child.unref()
  const pid = child.pid
  if (pid === undefined) throw new LabError(`${state.name}: could not start 'ip netns exec'`)
  const deadline = Date.now() + 5_000
  for (;;) {
    const [initPid] = childrenOf(pid)
    if (initPid !== undefined) return { pid, initPid }
    if (!pidAlive(pid)) throw hostFailed(state.name, host.log)
    if (Date.now() > deadline) throw new LabError(`${state.name}: PID namespace did not start`, `see ${host.log}`)
    await sleep(5)
  }
}

/** Waits until sshd accepts TCP on ip:22 (from the machine, through the bridge). */
export async function waitForSshd(state: HostState, host: HostPaths, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await tcpOpen(state.ip, 22, 500))) {
    if (state.initPid !== undefined && !pidAlive(state.initPid)) throw hostFailed(state.name, host.log)
    if (Date.now() > deadline) throw new LabError(`${state.name}: sshd not listening on ${state.ip}:22 after ${timeoutMs} ms`, `see ${host.log}`)
    await sleep(20)
  }
}

export function tcpOpen(ip: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: ip, port })
    const done = (ok: boolean) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/** SIGKILL to the init takes the whole PID namespace down; wait until unshare has reaped it. */
export async function stopHostProcess(state: HostState, timeoutMs = 5_000): Promise<void> {
  if (state.initPid !== undefined && isHostInit(state)) kill(state.initPid)
  const deadline = Date.now() + timeoutMs
  while ((state.initPid !== undefined && isHostInit(state)) || (state.pid !== undefined && pidAlive(state.pid) && isUnshare(state.pid))) {
    if (Date.now() > deadline) throw new LabError(`${state.name}: processes still alive ${timeoutMs} ms after SIGKILL`)
    await sleep(10)
  }
}

/** Guards against pid reuse: the pid must still be a live process inside the host's namespace. */
export function isHostInit(state: HostState): boolean {
  if (state.initPid === undefined || !pidAlive(state.initPid)) return false
  return state.pid !== undefined && childrenOf(state.pid).includes(state.initPid)
}

function isUnshare(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'unshare'
  } catch {
    return false
  }
}

function hostFailed(name: string, log: string): LabError {
  let tail = ''
  try {
    tail = readFileSync(log, 'utf8').trim().split('\n').slice(-3).join(' | ')
  } catch {
    /* no log */
  }
  return new LabError(`${name}: host exited during start${tail ? `: ${tail}` : ''}`, `see ${log}`)
}
