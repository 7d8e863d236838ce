// tsplay lab needs Linux, root and a few system tools; say which is missing in one line.
import { accessSync, constants } from 'node:fs'
import { LabError } from '../errors.js'

/** A program (or file) and the Debian/Ubuntu package that provides it. */
export interface Need {
  path: string // an absolute path, or a program looked up on PATH
  pkg: string
}

/** What `tsplay lab` itself runs: sshd in each host, namespaces, mounts, keys. */
export const LAB_TOOLS: Need[] = [
  { path: '/usr/sbin/sshd', pkg: 'openssh-server' },
  { path: 'ip', pkg: 'iproute2' },
  { path: 'unshare', pkg: 'util-linux' },
  { path: 'mount', pkg: 'mount' },
  { path: 'hostname', pkg: 'hostname' },
  { path: 'ssh-keygen', pkg: 'openssh-client' },
  { path: 'perl', pkg: 'perl-base' },
  { path: 'sudo', pkg: 'sudo' }, // deploy's become
]

/**
 * What the shipped playbooks run on lab hosts (which see this machine's programs): the etcd role's
 * daemon and etcdctl, the common role's packages (ca-certificates, curl) and sysctl, `ps` for services.
 */
export const LAB_HOST_TOOLS: Need[] = [
  { path: '/usr/bin/etcd', pkg: 'etcd-server' },
  { path: 'etcdctl', pkg: 'etcd-client' },
  { path: 'curl', pkg: 'curl' },
  { path: '/etc/ssl/certs/ca-certificates.crt', pkg: 'ca-certificates' },
  { path: 'sysctl', pkg: 'procps' },
  { path: 'ps', pkg: 'procps' },
]

export function requireLinuxRoot(): void {
  if (process.platform !== 'linux') {
    throw new LabError(`lab hosts need Linux (network namespaces, overlayfs); this is ${process.platform}`)
  }
  if (process.getuid?.() !== 0) {
    throw new LabError('lab hosts need root (network namespaces, mounts, a bridge)', 'run it as root, e.g. with sudo')
  }
}

export function requireTools(): void {
  requireLinuxRoot()
  for (const need of LAB_TOOLS) {
    if (present(need)) continue
    const what = need.path.startsWith('/') ? need.path : `'${need.path}' on PATH`
    throw new LabError(`lab hosts need ${what}`, `apt-get install -y ${need.pkg}`)
  }
}

/** The packages of `needs` whose program or file is missing, each once. */
export function missingPackages(needs: Need[]): string[] {
  return [...new Set(needs.filter((n) => !present(n)).map((n) => n.pkg))]
}

export function present(need: Need): boolean {
  return need.path.startsWith('/') ? exists(need.path) : onPath(need.path)
}

export function onPath(tool: string): boolean {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/bin', '/bin'])
  return dirs.some((d) => d && executable(`${d}/${tool}`))
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function exists(path: string): boolean {
  try {
    accessSync(path, constants.R_OK)
    return true
  } catch {
    return false
  }
}
