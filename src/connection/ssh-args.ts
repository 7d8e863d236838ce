// The parts of an ssh(1) command line tsplay understands: ansible_ssh_common_args/extra_args and
// `ProxyCommand ssh -W %h:%p bastion`. Unknown options are reported, never silently dropped.
import { shlexSplit } from '../util/shlex.js'

export interface SshArgs {
  options: Record<string, string> // -o Key=Value, keys lower-cased
  port?: number
  user?: string
  identityFiles: string[]
  jump?: string // -J
  forward?: string // -W host:port
  destination?: string
  ignored: string[] // flags that change nothing for tsplay (-q, -T, -C, -v …)
}

const FLAGS_WITH_VALUE = new Set(['-b', '-c', '-D', '-E', '-e', '-F', '-I', '-L', '-m', '-O', '-Q', '-R', '-S', '-w'])

/** Parses ssh(1) arguments; `-o Key=Value` and `-o 'Key Value'` both work. */
export function parseSshArgs(argv: string[]): SshArgs {
  const out: SshArgs = { options: {}, identityFiles: [], ignored: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const flag = arg.slice(0, 2)
    const inline = arg.length > 2 ? arg.slice(2) : undefined
    const value = () => {
      if (inline !== undefined) return inline
      if (i + 1 >= argv.length) throw new Error(`ssh option ${flag} needs a value`)
      return argv[++i]
    }
    if (!arg.startsWith('-') || arg === '-') {
      out.destination ??= arg
      continue
    }
    if (flag === '-o') {
      const [key, ...rest] = value().split(/\s*=\s*|\s+/)
      out.options[key.toLowerCase()] = rest.join(' ')
    } else if (flag === '-p') out.port = Number(value())
    else if (flag === '-l') out.user = value()
    else if (flag === '-i') out.identityFiles.push(value())
    else if (flag === '-J') out.jump = value()
    else if (flag === '-W') out.forward = value()
    else if (FLAGS_WITH_VALUE.has(flag)) out.ignored.push(`${flag} ${value()}`)
    else out.ignored.push(arg)
  }
  return out
}

/** `ssh [opts] -W %h:%p [user@]bastion` → the jump host spec `[user@]bastion[:port]`; undefined otherwise. */
export function proxyCommandAsJump(command: string): string | undefined {
  const argv = shlexSplit(command)
  const bin = argv[0]?.split('/').pop()
  if (bin !== 'ssh') return undefined
  const args = parseSshArgs(argv.slice(1))
  if (!args.forward || !/^%h:%p$|^\[?%h\]?:%p$/.test(args.forward) || !args.destination) return undefined
  let dest = args.destination
  if (args.user && !dest.includes('@')) dest = `${args.user}@${dest}`
  if (args.port) dest = `${dest}:${args.port}`
  return args.jump ? `${args.jump},${dest}` : dest
}
