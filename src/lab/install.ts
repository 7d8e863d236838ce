// `tsplay lab up` installs what lab hosts need when it is missing, with apt-get (Debian, Ubuntu), saying
// what it installs. Daemons the packages bring (sshd, etcd) are not started on this machine: a
// policy-rc.d answering 101 holds them back for the install, as in Debian's container images.
import { spawn } from 'node:child_process'
import { existsSync, rmSync, writeFileSync } from 'node:fs'
import { LabError } from '../errors.js'
import { LAB_HOST_TOOLS, LAB_TOOLS, missingPackages, onPath, requireLinuxRoot, type Need } from './preflight.js'

const POLICY = '/usr/sbin/policy-rc.d'

export async function installLabPackages(say: (line: string) => void, needs: Need[] = [...LAB_TOOLS, ...LAB_HOST_TOOLS]): Promise<string[]> {
  requireLinuxRoot()
  const missing = missingPackages(needs)
  if (!missing.length) return []
  if (!onPath('apt-get')) {
    throw new LabError(`lab hosts need these packages: ${missing.join(' ')}`, 'install them with your package manager (tsplay installs them itself only with apt-get)')
  }
  say(`tsplay lab: installing what lab hosts need, with apt-get: ${missing.join(' ')}`)
  const ownPolicy = !existsSync(POLICY)
  if (ownPolicy) writeFileSync(POLICY, '#!/bin/sh\n# written by tsplay lab up while it installs packages: start no daemon\nexit 101\n', { mode: 0o755 })
  try {
    await aptGet(['update', '-qq'])
    await aptGet(['install', '-y', '-qq', '--no-install-recommends', ...missing])
  } finally {
    if (ownPolicy) rmSync(POLICY, { force: true })
  }
  const still = missingPackages(needs)
  if (still.length) throw new LabError(`apt-get installed, but these are still missing: ${still.join(' ')}`)
  return missing
}

function aptGet(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    // apt's output goes to stderr: stdout stays what `lab up` prints (or its --json)
    const child = spawn('apt-get', args, { stdio: ['ignore', process.stderr, process.stderr], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } })
    child.on('error', (e) => reject(new LabError(`apt-get ${args[0]} could not run: ${e.message}`)))
    child.on('close', (code) => (code === 0 ? resolve() : reject(new LabError(`apt-get ${args.join(' ')} failed with exit code ${code}`, 'see its messages above'))))
  })
}
