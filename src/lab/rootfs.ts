// Each host's root is an overlay: lowerdir=<host conf>:<lab common>:/ with an upperdir of its own.
// Everything lives on a tmpfs at <state>/fs: overlayfs refuses an upperdir on the filesystem of
// lowerdir=/ (overlap check), and the lab's own files sit in lower layers so that the upperdir
// starts empty and shows exactly the bytes the host wrote.
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { exec, tryExec } from './exec.js'
import { ensureHostKey } from './keys.js'
import { machineEntriesExcept, makeOpaqueDir, mkdirLike, whiteout, writeLayerFile, type Owner } from './layers.js'
import { MAX_HOSTS, hostIp, hostName, type HostPaths, type LabPaths } from './paths.js'
import { sshdConfig, SSHD_CONFIG } from './sshd-config.js'

export function isMountPoint(path: string): boolean {
  return mountsUnder(path).includes(path)
}

/** Mount points at or below `dir`, as this process's mount namespace sees them. */
export function mountsUnder(dir: string): string[] {
  const prefix = dir.endsWith('/') ? dir : `${dir}/`
  return readFileSync('/proc/self/mountinfo', 'utf8')
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((m): m is string => m !== undefined)
    .map((m) => m.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))))
    .filter((m) => m === dir || m.startsWith(prefix))
}

export async function mountLabFs(paths: LabPaths, labName: string): Promise<void> {
  mkdirSync(paths.fs, { recursive: true, mode: 0o700 })
  if (!isMountPoint(paths.fs)) await exec('mount', ['-t', 'tmpfs', '-o', 'mode=0755', `tsplay-${labName}`, paths.fs])
}

export async function unmountLabFs(paths: LabPaths): Promise<void> {
  for (const m of mountsUnder(paths.dir).reverse()) {
    if (!(await tryExec('umount', [m]))) await tryExec('umount', ['-l', m])
  }
}

const OPAQUE = ['root', 'tmp']

export interface CommonLayerInput {
  subnet: number
  prefix: string
  authorizedKey: string
  passwordHash: string
}

/** The lower layer every host of the lab shares: users, sudo, sshd config, a clean root home. */
export async function buildCommonLayer(paths: LabPaths, input: CommonLayerInput): Promise<void> {
  const layer = paths.common
  const done = `${layer}.done` // outside the layer: every file in it shows up on the hosts
  if (existsSync(done)) return
  rmSync(layer, { recursive: true, force: true }) // half-built by an interrupted `up`
  mkdirSync(layer, { recursive: true, mode: 0o755 })
  const deploy = freeId()
  const home = '/home/deploy'
  const etc = (name: string) => readFileSync(join('/etc', name), 'utf8').replace(/\n?$/, '\n')
  const shadowOwner = ownerOf('/etc/shadow')

  writeLayerFile(layer, 'etc/passwd', etc('passwd') + `deploy:x:${deploy}:${deploy}:tsplay lab:${home}:/bin/bash\n`)
  writeLayerFile(layer, 'etc/group', etc('group') + `deploy:x:${deploy}:\n`)
  writeLayerFile(layer, 'etc/shadow', etc('shadow') + `deploy:${input.passwordHash}:19000:0:99999:7:::\n`, 0o640, shadowOwner)
  if (safeIsFile('/etc/gshadow')) writeLayerFile(layer, 'etc/gshadow', etc('gshadow') + 'deploy:!::\n', 0o640, ownerOf('/etc/gshadow'))
  writeLayerFile(layer, 'etc/sudoers.d/tsplay-deploy', 'deploy ALL=(ALL:ALL) ALL\n', 0o440)
  writeLayerFile(layer, 'etc/hosts', labHostsFile(input.subnet, input.prefix))
  writeLayerFile(layer, SSHD_CONFIG, sshdConfig())

  // A clean root home (the machine's .bashrc runs pyenv: 130 ms per exec) and an empty /tmp, like a
  // fresh machine's: the machine's are hidden entirely, even files that appear after the lab started.
  for (const dir of OPAQUE) await makeOpaqueDir(join(paths.fs, '.scratch'), join(layer, dir))
  chmodSync(join(layer, 'tmp'), 0o1777)
  const user = { uid: deploy, gid: deploy }
  for (const [dir, owner] of [['root', { uid: 0, gid: 0 }], ['home/deploy', user]] as const) {
    const mode = dir === 'root' ? 0o700 : 0o755
    mkdirLike(layer, dir, { ...owner, mode })
    chownSync(join(layer, dir), owner.uid, owner.gid)
    chmodSync(join(layer, dir), mode)
    mkdirLike(layer, `${dir}/.ssh`, { ...owner, mode: 0o700 })
    writeLayerFile(layer, `${dir}/.bashrc`, '', 0o644, owner)
    writeLayerFile(layer, `${dir}/.profile`, '', 0o644, owner)
    writeLayerFile(layer, `${dir}/.ssh/authorized_keys`, input.authorizedKey + '\n', 0o600, owner)
  }
  mkdirLike(layer, 'run/sshd')
  // The machine's own host keys are not the lab's business.
  const hidden = machineEntriesExcept('/etc/ssh', [])
    .filter((n) => /^ssh_host_.*_key$/.test(n))
    .map((n) => `etc/ssh/${n}`)
  // Nor are the labs' state dirs (keys, passwords, other hosts' upperdirs).
  // An opaque /tmp or /root hides them already; a whiteout inside an opaque dir would show as a device.
  const labsDir = dirname(paths.dir).slice(1)
  if (!OPAQUE.some((o) => labsDir === o || labsDir.startsWith(`${o}/`))) hidden.push(labsDir)
  for (const h of hidden) mkdirLike(layer, dirname(h))
  await whiteout(layer, hidden)
  writeFileSync(done, '')
}

/** The per-host lower layer (hostname, host key) and empty upper/work/merged. Returns the host public key. */
export async function buildHostLayer(host: HostPaths, name: string): Promise<string> {
  for (const dir of [host.upper, host.work, host.merged]) mkdirSync(dir, { recursive: true, mode: 0o755 })
  mkdirSync(host.conf, { recursive: true, mode: 0o755 })
  writeLayerFile(host.conf, 'etc/hostname', `${name}\n`)
  mkdirLike(host.conf, 'etc/tsplay')
  return ensureHostKey(host.conf, name)
}

export function removeHostLayer(host: HostPaths): void {
  rmSync(join(host.conf, '..'), { recursive: true, force: true })
}

/** Every possible host of the lab, so the file never has to change while hosts run. */
function labHostsFile(subnet: number, prefix: string): string {
  const lines = ['127.0.0.1\tlocalhost', '::1\tlocalhost ip6-localhost ip6-loopback']
  for (let i = 1; i <= MAX_HOSTS; i++) lines.push(`${hostIp(subnet, i)}\t${hostName(i, prefix)}`)
  return lines.join('\n') + '\n'
}

function freeId(): number {
  const ids = new Set<number>()
  for (const file of ['/etc/passwd', '/etc/group']) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const id = Number(line.split(':')[2])
      if (Number.isInteger(id)) ids.add(id)
    }
  }
  let id = 1000
  while (ids.has(id)) id++
  return id
}

function ownerOf(path: string): Owner {
  const st = statSync(path)
  return { uid: st.uid, gid: st.gid }
}

function safeIsFile(path: string): boolean {
  try {
    return statSync(path).isFile()
  } catch {
    return false
  }
}
