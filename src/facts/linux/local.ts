// local: /etc/ansible/facts.d (fact_path) *.fact files, by name: an executable one is run and its output
// read, another read as it is; JSON first, else INI (configparser's rules); failures become the fact's
// text, as in ansible-core (the script's stderr is not captured).
import { defineCollector, type Facts } from '../collector.js'
import { parseIni } from '../ini.js'
import { shGlob } from '../probe.js'
import type { Raw } from '../raw.js'

// fact_path is a path on the host: a leading ~ is the host user's home (shGlob leaves it to sh)
const step = (dir: string) => `d=${shGlob(dir)}
if [ -e "$d" ]; then printf 'exists %s\\n' "$d"
  for f in "$d"/*.fact; do
    if [ ! -e "$f" ]; then [ -L "$f" ] && s "fact-dangling $f"; continue; fi
    [ -f "$f" ] && [ -x "$f" ] || continue
    s "fact-out $f"; "$f" </dev/null 2>/dev/null; r=$?
    s "fact-rc $f"; echo "$r"
  done
fi`

export const local = defineCollector({
  name: 'local',
  probe: (o) => {
    const glob = `${o.factPath.replace(/\/+$/, '')}/*.fact`
    return { files: [glob], stat: [glob], steps: [['local', step(o.factPath)]] }
  },
  collect(raw, _prior, o) {
    const found = /^exists (.*)$/m.exec(raw.sections.get('local') ?? '')
    if (!o.factPath || !found) return { local: {} }
    const dir = found[1].replace(/\/+$/, '')
    // every *.fact the directory lists, readable or not (stat sees them all)
    const names = [...raw.stat.keys()].filter((p) => p.startsWith(`${dir}/`) && p.endsWith('.fact') && !p.slice(dir.length + 1).includes('/'))
    const facts: Facts = {}
    for (const path of names.sort()) facts[path.slice(dir.length + 1).split('.fact').join('')] = localFact(raw, path)
    return { local: facts }
  },
})

function localFact(raw: Raw, path: string): unknown {
  if (raw.sections.has(`fact-dangling ${path}`)) return `Could not stat fact (${path}): [Errno 2] No such file or directory: '${path}'`
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
