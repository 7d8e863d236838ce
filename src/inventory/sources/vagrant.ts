// `plugin: vagrant`: the machines of a Vagrant project, from `vagrant ssh-config` run in `directory`
// (default: the plugin file's directory) or from a saved copy of its output (`ssh_config_file`).
// Each `Host NAME` block becomes a host with ansible_host/port/user/ssh_private_key_file; Vagrant's
// throwaway host keys (StrictHostKeyChecking no, UserKnownHostsFile /dev/null) carry over as ssh args.
// `groups` maps group names to machine names (or name patterns); `host_vars` adds vars per machine.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { ConfigError } from '../../errors.js'
import { quoteArgv } from '../../util/shell-quote.js'
import { SourceConfig, describe, namePattern } from './config.js'
import type { SourceResult } from './types.js'
import { ResultBuilder } from './result.js'

const OPTIONS = ['directory', 'ssh_config_file', 'groups', 'host_vars', 'vagrant_binary', 'timeout'] as const

export interface SshConfigHost {
  name: string
  line: number
  options: Record<string, string[]> // lower-case keyword → values in order
}

/** Parses ssh_config text as `vagrant ssh-config` prints it: `Host NAME` blocks of `Keyword value` lines. */
export function parseSshConfigHosts(text: string, file: string): SshConfigHost[] {
  const hosts: SshConfigHost[] = []
  let current: SshConfigHost | undefined
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim()
    if (!line || line.startsWith('#')) return
    const m = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line)
    if (!m) throw new ConfigError(`expected 'Keyword value', got '${line}'`, { file, line: i + 1 })
    const key = m[1].toLowerCase()
    const value = unquote(m[2].trim())
    if (key === 'host') {
      current = { name: value, line: i + 1, options: {} }
      hosts.push(current)
      return
    }
    if (!current) throw new ConfigError(`'${m[1]}' before any Host line`, { file, line: i + 1 }, 'is this `vagrant ssh-config` output?')
    ;(current.options[key] ??= []).push(value)
  })
  return hosts
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v
}

export async function vagrantSource(file: string, config: Record<string, unknown>): Promise<SourceResult> {
  const cfg = new SourceConfig(file, config, OPTIONS)
  const saved = cfg.path('ssh_config_file')
  let text: string
  let origin: string
  if (saved) {
    try {
      text = readFileSync(saved, 'utf8')
    } catch (e) {
      throw cfg.error('ssh_config_file', `cannot read ${saved}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`)
    }
    origin = saved
  } else {
    const dir = cfg.path('directory') ?? dirname(file)
    text = await runSshConfig(cfg, cfg.string('vagrant_binary', 'vagrant'), dir, cfg.number('timeout', 120) * 1000)
    origin = `vagrant ssh-config (in ${dir})`
  }
  const machines = parseSshConfigHosts(text, origin)
  if (!machines.length) throw new ConfigError(`${origin}: no Host entries`, { file }, 'are the machines up? (vagrant up)')

  const out = new ResultBuilder()
  const hostVars = cfg.mapping('host_vars')
  for (const m of machines) {
    const o = (k: string): string | undefined => m.options[k]?.[0]
    const port = o('port') === undefined ? undefined : Number(o('port'))
    if (port !== undefined && !Number.isInteger(port)) throw new ConfigError(`Host ${m.name}: Port '${o('port')}' is not a number`, { file: origin, line: m.line })
    const sshArgs = [
      ...(o('stricthostkeychecking') ? ['-o', `StrictHostKeyChecking=${o('stricthostkeychecking')}`] : []),
      ...(o('userknownhostsfile') ? ['-o', `UserKnownHostsFile=${o('userknownhostsfile')}`] : []),
    ]
    const extra = hostVars[m.name]
    if (extra !== undefined && (typeof extra !== 'object' || extra === null || Array.isArray(extra))) {
      throw cfg.error(`host_vars.${m.name}`, `host_vars.${m.name} must be a mapping, got ${describe(extra)}`)
    }
    out.host(m.name, {
      ansible_host: o('hostname') ?? m.name,
      ...(port !== undefined ? { ansible_port: port } : {}),
      ...(o('user') ? { ansible_user: o('user') } : {}),
      ...(o('identityfile') ? { ansible_ssh_private_key_file: o('identityfile') } : {}),
      ...(sshArgs.length ? { ansible_ssh_common_args: quoteArgv(sshArgs) } : {}),
      ...(extra as Record<string, unknown> | undefined),
    })
  }
  for (const [group, patterns] of Object.entries(cfg.listMapping('groups'))) {
    out.add(group)
    const res = patterns.map(namePattern)
    for (const m of machines) if (res.some((r) => r.test(m.name))) out.add(group, m.name)
  }
  for (const name of Object.keys(hostVars)) {
    if (!machines.some((m) => m.name === name)) throw cfg.error(`host_vars.${name}`, `host_vars names '${name}', which is not a machine`, `machines: ${machines.map((m) => m.name).join(', ')}`)
  }
  return out.build()
}

function runSshConfig(cfg: SourceConfig, binary: string, dir: string, timeoutMs: number): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    execFile(binary, ['ssh-config'], { cwd: dir, timeout: timeoutMs, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      if (!error) return resolvePromise(stdout)
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') {
        return reject(cfg.error('directory', `cannot run '${binary}' in ${dir}: not found (is Vagrant installed? does the directory exist?)`, 'or save `vagrant ssh-config > ssh-config.txt` and set ssh_config_file: ssh-config.txt'))
      }
      // machines that are not created make vagrant exit 1 after printing the others: keep those
      if (stdout.includes('Host ')) return resolvePromise(stdout)
      reject(cfg.error('directory', `vagrant ssh-config in ${dir} failed: ${stderr.trim().split('\n').slice(-3).join(' ') || error.message}`, 'run vagrant up first'))
    })
  })
}
