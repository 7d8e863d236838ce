// A machine whose /etc holds only the given files: a private mount namespace (unshare -m) with a
// directory bound over /etc. Ansible's own collectors and tsplay's gather script both run inside it, so
// the two read exactly the same files. Needs root, as the e2e lab does.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { collectors } from '../../../src/facts/collectors.js'
import type { Facts } from '../../../src/facts/collector.js'
import { buildScript } from '../../../src/facts/probe.js'
import { parseRaw } from '../../../src/facts/raw.js'
import { selectCollectors } from '../../../src/facts/subsets.js'

export const canFakeEtc = process.getuid?.() === 0 && spawnSync('unshare', ['-m', 'true']).status === 0

const COLLECT = fileURLToPath(new URL('./fixtures/ansible-collect.py', import.meta.url))

/** `files`: name under /etc → content, `{ link }` for a symlink, `{ script }` for an executable file. */
export type EtcFiles = Record<string, string | { link: string } | { script: string }>

function inFakeEtc(files: EtcFiles, argv: string[], env: Record<string, string> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-etc-'))
  try {
    for (const [name, value] of Object.entries(files)) {
      const path = join(dir, name)
      mkdirSync(dirname(path), { recursive: true })
      if (typeof value === 'string') writeFileSync(path, value)
      else if ('script' in value) writeFileSync(path, value.script, { mode: 0o755 })
      else symlinkSync(value.link, path)
    }
    const r = spawnSync('unshare', ['-m', '--propagation', 'private', 'sh', '-c', 'mount --bind "$0" /etc && exec "$@"', dir, ...argv], { encoding: 'utf8', env: { ...process.env, ...env } })
    if (r.status !== 0) throw new Error(`${argv[0]} failed: ${r.stderr}`)
    return r.stdout
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/**
 * What ansible-core's collectors (module.class paths under ansible.module_utils.facts) say there;
 * `wrap` runs it under a command (capsh, setpriv) as a prefix.
 */
export function ansibleFacts(files: EtcFiles, collectorClasses: string[], args: Record<string, unknown> = {}, wrap: string[] = []): Facts {
  // (both tools see the same environment, TSPLAY_MODULE_ARGS included)
  return JSON.parse(inFakeEtc(files, [...wrap, '/usr/bin/python3', COLLECT, ...collectorClasses], { TSPLAY_MODULE_ARGS: JSON.stringify(args) })) as Facts
}

/** What tsplay's gather script and collectors say there (facts without the ansible_ prefix). */
export function tsplayFacts(files: EtcFiles, subset: string[], factPath = '/etc/ansible/facts.d', wrap: string[] = []): Facts {
  const chosen = selectCollectors(collectors, subset)
  const options = { factPath, timeoutS: 10 }
  const out = inFakeEtc(files, [...wrap, '/bin/sh', '-c', buildScript(chosen.map((c) => c.probe(options)), 'n0nce')], { TSPLAY_MODULE_ARGS: '{}' })
  const raw = parseRaw(out, '', 'n0nce')
  const facts: Facts = {}
  const prior: Facts = {}
  for (const c of chosen) {
    const got = c.collect(raw, prior, options)
    Object.assign(facts, got)
    for (const [k, v] of Object.entries(got)) prior[`ansible_${k}`] = v
  }
  return facts
}
