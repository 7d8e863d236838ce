// fnmatch against Python's own fnmatch.fnmatchcase (the one Ansible calls), name by name: bracket sets
// that start with [, ! or ^, ranges (backwards, with hyphens at their ends, leaving a ! first), backslashes,
// unclosed brackets, stars and dots.
import { execFileSync } from 'node:child_process'
import { expect, it } from 'vitest'
import { fnmatch } from '../../../src/util/fnmatch.js'

const patterns = ['[[a]', '[![a]', '[]a]', '[!]a]', '[^a]', '[a-c]x', '[\\]', 'a\\*', '[a', 'web*', '*.example.com', 'db?', '[!a-c]*', '*[]]', '[*]', '.*', 'x[-a]', '[a-]', '[a--]', '[a-c-e]', '[z-a]', '[!z-a]', '[c-bz-a]', '[a-bd-c]', '[--a]', '[!]', '[]-a]', '[é-ü]', '[b-a!c]', '[b-a!]', '[a-[!]]', '[|-!!a]', '[b-^!a]']
const names = ['\\', '[', ']', 'a', 'b', '^', '-', 'ax', 'dx', 'a*', 'a\\*', 'a\\b', '[a', 'web1', 'web', 'host.example.com', 'db1', 'db12', 'zz', '*', '.hidden', 'x-', 'xa', 'x[', 'c', 'd', 'e', 'z', 'é', 'ö', '!', ',']

it('matches exactly the names Python fnmatch matches', () => {
  const script = 'import fnmatch, json, sys; p, n = json.load(sys.stdin); print(json.dumps([[fnmatch.fnmatchcase(x, q) for x in n] for q in p]))'
  const python = JSON.parse(execFileSync('python3', ['-c', script], { input: JSON.stringify([patterns, names]) }).toString()) as boolean[][]
  const ours = patterns.map((p) => names.map((n) => fnmatch(n, p)))
  const differ = patterns.flatMap((p, i) => names.filter((n, j) => ours[i][j] !== python[i][j]).map((n) => `${JSON.stringify(n)} ~ ${JSON.stringify(p)}: python ${python[i][names.indexOf(n)]}`))
  expect(differ).toEqual([])
})
