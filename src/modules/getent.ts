// getent: a getent(1) database (passwd, group, hosts, services…) as the fact getent_<database>, keyed by each
// line's first field, shaped as Ansible shapes it (a key seen twice holds a list of records). Reads only.
import { ModuleError } from '../errors.js'
import { quoteArgv } from '../util/shell-quote.js'
import { failed, ok } from './lib/result.js'
import { defineModule } from './types.js'

export interface GetentArgs {
  database: string
  key?: string
  service?: string
  split?: string
  fail_key: boolean
}

const COLON = ['passwd', 'shadow', 'group', 'gshadow']

/** Python's str.split(sep), and str.split() (runs of whitespace, ends ignored) when sep is undefined. */
function pySplit(line: string, sep: string | undefined): string[] {
  if (sep === undefined) return line.split(/[ \t\n\r\f\v\x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter((s) => s !== '')
  return line.split(sep)
}

/** Records by first field; a key seen again turns its value into a list of records, as Ansible's module does. */
export function shapeRecords(out: string, split: string | undefined): Record<string, unknown> {
  const tree: Record<string, unknown> = {}
  const seen = new Map<string, number>()
  // Python's splitlines(): \n, \r\n, \r and the other line boundaries
  const lines = out.split(/\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/)
  if (lines[lines.length - 1] === '') lines.pop()
  for (const line of lines) {
    const record = pySplit(line, split)
    const key = record[0] ?? ''
    const n = seen.get(key)
    if (n === undefined) {
      tree[key] = record.slice(1)
      seen.set(key, 1)
      continue
    }
    if (n === 1) tree[key] = [tree[key]]
    ;(tree[key] as unknown[]).push(record.slice(1))
    seen.set(key, n + 1)
  }
  return tree
}

export const getent = defineModule<GetentArgs>({
  name: 'getent',
  schema: {
    type: 'object',
    additionalProperties: false,
    required: ['database'],
    description:
      'Runs getent on the host against one of its databases and sets the fact getent_<database>: each entry keyed by its first ' +
      'field, the other fields as a list (a key found more than once holds a list of such lists). Changes nothing.',
    examples: [
      `- name: Root's passwd entry
  getent:
    database: passwd
    key: root
- debug:
    msg: "root's shell is {{ getent_passwd.root[5] }}"

- name: A service that may be missing
  getent:
    database: services
    key: http
    fail_key: false
`,
    ],
    properties: {
      database: { type: 'string', description: 'The getent database: passwd, group, shadow, hosts, services, protocols, networks…' },
      key: { type: 'string', description: 'The entry to look up; without it the whole database (where it can be enumerated).' },
      service: { type: 'string', description: 'Look up through this NSS service only (getent -s).' },
      split: { type: 'string', description: "What separates the fields. Default: ':' for passwd, shadow, group and gshadow, else runs of whitespace." },
      fail_key: { type: 'boolean', default: true, description: 'Fail when the key is not found; false sets the key to null instead.' },
    },
  },
  async run(ctx, a) {
    if (a.split === '') throw new ModuleError("getent: 'split' must not be empty", 'give the separator, e.g. ":", or leave split out for whitespace')
    // options before `--`: a key that starts with '-' is looked up as given (Ansible's getent would read it as an option)
    const argv = ['getent', ...(a.service !== undefined ? ['-s', a.service] : []), '--', a.database, ...(a.key !== undefined ? [a.key] : [])]
    const res = await ctx.conn.run(`command -v getent >/dev/null 2>&1 || { echo 'getent: command not found on the host' >&2; exit 127; }\n${quoteArgv(argv)}`, { become: ctx.become })
    const fact = `getent_${a.database}`
    const split = a.split ?? (COLON.includes(a.database) ? ':' : undefined)
    if (res.rc === 0) return ok(undefined, { ansible_facts: { [fact]: shapeRecords(res.stdout, split) } })
    if (res.rc === 2) {
      const msg = 'One or more supplied key could not be found in the database.'
      if (!a.fail_key) return ok(msg, { ansible_facts: { [fact]: { [a.key ?? '']: null } } })
      return failed(msg)
    }
    if (res.rc === 1) return failed('Missing arguments, or database unknown.')
    if (res.rc === 3) return failed('Enumeration not supported on this database.')
    return failed(res.stderr.trim() || 'Unexpected failure!', { rc: res.rc })
  },
})
