// lsb: what `lsb_release -a` says when the host has it (derived from the files it reads, see
// os-release.ts), else /etc/lsb-release; values with quotes stripped, plus the major release.
import { defineCollector } from '../collector.js'
import { lines } from '../raw.js'
import { lsbReleaseOutput, releaseFiles } from './os-release.js'

const FROM_COMMAND: Array<[string, string]> = [
  ['LSB Version:', 'release'],
  ['Distributor ID:', 'id'],
  ['Description:', 'description'],
  ['Release:', 'release'],
  ['Codename:', 'codename'],
]
const FROM_FILE: Array<[string, string]> = [
  ['DISTRIB_ID', 'id'],
  ['DISTRIB_RELEASE', 'release'],
  ['DISTRIB_DESCRIPTION', 'description'],
  ['DISTRIB_CODENAME', 'codename'],
]

export const lsb = defineCollector({
  name: 'lsb',
  probe: () => ({ files: releaseFiles, bins: ['lsb_release'] }),
  collect(raw) {
    const facts: Record<string, string> = {}
    for (const line of (lsbReleaseOutput(raw) ?? '').split('\n')) {
      if (!line.includes(':')) continue
      const key = FROM_COMMAND.find(([label]) => line.includes(label))?.[1]
      if (key) facts[key] = line.slice(line.indexOf(':') + 1).trim()
    }
    if (!Object.keys(facts).length) {
      for (const line of lines(raw, '/etc/lsb-release')) {
        const eq = line.indexOf('=')
        const key = FROM_FILE.find(([name]) => line.includes(name))?.[1]
        if (key && eq >= 0) facts[key] = line.slice(eq + 1).trim()
      }
    }
    if ('release' in facts) facts.major_release = facts.release.split('.')[0]
    for (const [k, v] of Object.entries(facts)) if (v) facts[k] = v.replace(/^['"\\]+|['"\\]+$/g, '')
    return { lsb: facts }
  },
})
