// local: /etc/ansible/facts.d (fact_path) *.fact files, by name: an executable one is run and its output
// read, another read as it is; JSON first, else INI (configparser's rules); failures become the fact's
// text, as in ansible-core (the script's stderr is not captured).
import { defineCollector, type Facts } from '../collector.js'
import { parseIni } from '../ini.js'
import { shWord } from '../probe.js'
import type { Raw } from '../raw.js'

const step = (dir: string) => `d=${shWord(dir)}
if [ -e "$d" ]; then echo exists
  for f in "$d"/*.fact; do
    [ -f "$f" ] && [ -x "$f" ] || continue
    s "fact-out $f"; "$f" </dev/null 2>/dev/null; r=$?
    s "fact-rc $f"; echo "$r"
  done
fi`

export const local = defineCollector({
  name: 'local',
  probe: (o) => ({ files: [`${o.factPath.replace(/\/+$/, '')}/*.fact`], steps: [['local', step(o.factPath)]] }),
  collect(raw, _prior, o) {
    if (!o.factPath || !(raw.sections.get('local') ?? '').startsWith('exists')) return { local: {} }
    const dir = o.factPath.replace(/\/+$/, '')
    const names = new Set<string>()
    for (const p of [...raw.files.keys(), ...[...raw.sections.keys()].map((k) => k.replace(/^fact-(out|rc) /, ''))]) {
      if (p.startsWith(`${dir}/`) && p.endsWith('.fact') && !p.slice(dir.length + 1).includes('/')) names.add(p)
    }
    const facts: Facts = {}
    for (const path of [...names].sort()) facts[path.slice(dir.length + 1).split('.fact').join('')] = localFact(raw, path)
    return { local: facts }
  },
})

function localFact(raw: Raw, path: string): unknown {
  let text: string
  const rc = raw.sections.get(`fact-rc ${path}`)
  if (rc !== undefined) {
    if (rc.trim() !== '0') return `Failure executing fact script (${path}), rc: ${rc.trim()}, err: `
    text = raw.sections.get(`fact-out ${path}`) ?? ''
  } else text = (raw.files.get(path) ?? '').trim()
  if (text.includes('\uFFFD')) return `error loading fact - output of running "${path}" was not utf-8`
  try {
    return JSON.parse(text)
  } catch {
    try {
      return parseIni(text)
    } catch {
      return `error loading facts as JSON or ini - please check content: ${path}`
    }
  }
}
