// Evaluates every probe of the Jinja2 corpora in ../shared/jinja (or DIR) with tsplay's engine and
// compares with ansible-core's verdicts. Prints disagreement categories, then `N/M agree` per corpus.
//   npm run jinja:corpus -- [DIR] [--details FILE] [--only ID_PREFIX]
import { existsSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runCorpus, type CorpusReport } from '../test/unit/template/jinja/corpus-lib.js'

const args = process.argv.slice(2).filter((a) => a !== '--')
const detailsAt = args.indexOf('--details')
const details = detailsAt >= 0 ? args.splice(detailsAt, 2)[1] : undefined
const onlyAt = args.indexOf('--only')
const only = onlyAt >= 0 ? args.splice(onlyAt, 2)[1] : undefined
const dir = args[0] ?? '../shared/jinja'

if (!existsSync(join(dir, 'corpus-kubespray.json'))) {
  console.error(`no corpus in ${dir}`)
  process.exit(2)
}

const reports: CorpusReport[] = []
for (const name of ['kubespray', 'idioms']) reports.push(runCorpus(dir, name, only))

const lines: string[] = []
for (const r of reports) {
  console.log(`\n== ${r.name}: disagreement categories`)
  const cats = [...r.categories.entries()].sort((a, b) => b[1].length - a[1].length)
  for (const [cat, ids] of cats) console.log(`${String(ids.length).padStart(5)}  ${cat}   e.g. ${ids.slice(0, 3).join(' ')}`)
  console.log(`${r.name}: Ansible evaluates ${r.okTotal}: ${r.okAgree} agree (${((100 * r.okAgree) / Math.max(1, r.okTotal)).toFixed(2)}%); Ansible rejects ${r.failTotal}: ${r.failAgree} rejected`)
  lines.push(`${r.name}: ${r.okAgree + r.failAgree}/${r.okTotal + r.failTotal} agree`)
}
if (details) writeFileSync(details, JSON.stringify(reports.map((r) => ({ name: r.name, mismatches: r.mismatches })), null, 1))
console.log('')
for (const l of lines) console.log(l)
