// tsplay lab needs Linux, root and a few system tools; say which is missing in one line.
import { accessSync, constants } from 'node:fs'
import { LabError } from '../errors.js'

const TOOLS: Array<[string, string]> = [
  ['ip', 'iproute2'],
  ['unshare', 'util-linux'],
  ['mount', 'mount'],
  ['hostname', 'hostname'],
  ['ssh-keygen', 'openssh-client'],
  ['perl', 'perl-base'],
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
  if (!executable('/usr/sbin/sshd')) throw new LabError('lab hosts need /usr/sbin/sshd', 'apt-get install -y openssh-server')
  for (const [tool, pkg] of TOOLS) {
    if (!onPath(tool)) throw new LabError(`lab hosts need '${tool}' on PATH`, `apt-get install -y ${pkg}`)
  }
}

function onPath(tool: string): boolean {
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
