// A small argv parser: long and short options, `--opt=value`, repeated lists, counted flags (-vvv),
// and a did-you-mean for unknown options. Node's util.parseArgs has neither counts nor suggestions.
import { UsageError } from '../errors.js'
import { suggestion } from '../util/did-you-mean.js'
import { ANSIBLE_ONLY_FLAGS, OTHER_VERB_FLAGS } from './ansible-flags.js'

export type OptionKind = 'boolean' | 'string' | 'list' | 'count'

export interface OptionSpec {
  name: string // long name without dashes, e.g. 'inventory'
  short?: string // one letter, e.g. 'i'
  kind: OptionKind
  help: string
  valueName?: string
}

export type OptionValues = Record<string, boolean | string | string[] | number | undefined>

export interface ParsedArgs {
  options: OptionValues
  positionals: string[]
}

export function parseArgs(argv: string[], specs: OptionSpec[]): ParsedArgs {
  const byLong = new Map(specs.map((s) => [s.name, s]))
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]))
  const options: OptionValues = {}
  const positionals: string[] = []

  const take = (spec: OptionSpec, inline: string | undefined, i: number): number => {
    if (spec.kind === 'boolean') {
      if (inline !== undefined) throw new UsageError(`option --${spec.name} takes no value`)
      options[spec.name] = true
      return i
    }
    if (spec.kind === 'count') {
      options[spec.name] = ((options[spec.name] as number | undefined) ?? 0) + 1
      return i
    }
    let value = inline
    if (value === undefined) {
      if (i + 1 >= argv.length) throw new UsageError(`option --${spec.name} needs a value`)
      value = argv[++i]
    }
    if (spec.kind === 'list') options[spec.name] = [...((options[spec.name] as string[]) ?? []), value]
    else options[spec.name] = value
    return i
  }

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1))
      break
    }
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=')
      const name = arg.slice(2, eq === -1 ? undefined : eq)
      const spec = byLong.get(name)
      if (!spec) throw unknownOption(`--${name}`, specs)
      i = take(spec, eq === -1 ? undefined : arg.slice(eq + 1), i)
    } else if (arg.startsWith('-') && arg.length > 1) {
      // -vvv, -bK, -iINV, -i INV
      for (let j = 1; j < arg.length; j++) {
        const spec = byShort.get(arg[j])
        if (!spec) throw unknownOption(`-${arg[j]}`, specs)
        if (spec.kind === 'string' || spec.kind === 'list') {
          const rest = arg.slice(j + 1)
          i = take(spec, rest === '' ? undefined : rest, i)
          break
        }
        i = take(spec, undefined, i)
      }
    } else {
      positionals.push(arg)
    }
  }
  return { options, positionals }
}

function unknownOption(option: string, specs: OptionSpec[]): UsageError {
  const ansible = ANSIBLE_ONLY_FLAGS[option]
  if (ansible) return new UsageError(`unknown option ${option} (ansible's ${ansible.meaning})`, ansible.hint)
  if (OTHER_VERB_FLAGS[option]) return new UsageError(`unknown option ${option}`, OTHER_VERB_FLAGS[option])
  // One letter apart is another meaning (-c connection, -C check; -k ask-pass, -K ask-become-pass):
  // only long options get a did-you-mean, among long options.
  if (!option.startsWith('--')) return new UsageError(`unknown option ${option}`, 'see --help')
  return new UsageError(`unknown option ${option}`, suggestion(option, specs.map((s) => `--${s.name}`)) ?? 'see --help')
}

export function formatOptions(specs: OptionSpec[]): string {
  const rows = specs.map((s) => {
    const value = s.kind === 'string' || s.kind === 'list' ? ` ${s.valueName ?? 'VALUE'}` : ''
    const flags = `${s.short ? `-${s.short}, ` : '    '}--${s.name}${value}`
    return [flags, s.help] as const
  })
  const width = Math.max(...rows.map(([f]) => f.length))
  return rows.map(([f, h]) => `  ${f.padEnd(width)}  ${h}`).join('\n')
}
