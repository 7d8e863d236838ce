// Tiny .deb packages built with dpkg-deb for package tests, plus a flat apt repository
// (dpkg-scanpackages) so apt can install by name without any network.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Connection } from '../../../../src/connection/types.js'

export function buildDeb(dir: string, name: string, version: string): string {
  const root = join(dir, `${name}-${version}`)
  mkdirSync(join(root, 'DEBIAN'), { recursive: true })
  mkdirSync(join(root, 'usr/share', name), { recursive: true })
  writeFileSync(join(root, 'usr/share', name, 'version'), `${version}\n`)
  writeFileSync(join(root, 'DEBIAN/control'), [
    `Package: ${name}`, `Version: ${version}`, 'Architecture: all', 'Maintainer: tsplay <tsplay@localhost>',
    'Section: misc', 'Priority: optional', `Description: tsplay test package ${name}`, '',
  ].join('\n'))
  const deb = join(dir, `${name}_${version}_all.deb`)
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', root, deb], { stdio: 'ignore' })
  return deb
}

/** Builds the packages, copies them to `repo` on the host and points apt only at that repository. */
export async function installRepo(conn: Connection, repo: string, pkgs: Array<[string, string]>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tsplay-debs-'))
  const out = join(dir, 'repo')
  mkdirSync(out)
  for (const [name, version] of pkgs) buildDeb(out, name, version)
  const index = execFileSync('dpkg-scanpackages', ['--multiversion', '.', '/dev/null'], { cwd: out, stdio: ['ignore', 'pipe', 'ignore'] })
  writeFileSync(join(out, 'Packages'), index)
  writeFileSync(join(out, 'Packages.gz'), gzipSync(index)) // apt's file method wants a compressed index too
  await conn.run(`mkdir -p ${repo}`)
  for (const f of readdirSync(out).filter((f) => f.endsWith('.deb') || f.startsWith('Packages'))) await conn.put(readFileSync(join(out, f)), `${repo}/${f}`, { mode: '0644' })
  rmSync(dir, { recursive: true, force: true })
  const r = await conn.run([
    'mkdir -p /etc/apt/sources.list.d.off && mv /etc/apt/sources.list.d/* /etc/apt/sources.list.d.off/ 2>/dev/null',
    `echo 'deb [trusted=yes] file:${repo} ./' > /etc/apt/sources.list.d/tsplay-test.list`,
    'apt-get -o Acquire::Languages=none update -q 2>&1',
  ].join('; '))
  if (r.rc !== 0) throw new Error(`test repo: ${r.stdout}${r.stderr}`)
}
