#!/usr/bin/env node
// The npm registry reachable here serves only linux-x64/arm64-gnu builds of rollup's native package,
// so `npm install` leaves rollup's other platform packages out of package-lock.json and `npm ci` then
// refuses the lock as out of sync. This adds the missing entries as npm itself writes them for a
// platform it skips (version, os/cpu/libc, optional; no download address), so `npm ci` works anywhere.
// Run after `npm install` changes the lock: node scripts/lock-platform-packages.mjs
import { readFileSync, writeFileSync } from 'node:fs'

const LOCK = new URL('../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(LOCK, 'utf8'))
const packages = lock.packages

const OS = ['android', 'darwin', 'freebsd', 'linux', 'openbsd', 'openharmony', 'win32']
const CPU = { 'arm-eabi': 'arm', 'arm-gnueabihf': 'arm', 'arm-musleabihf': 'arm', arm64: 'arm64', x64: 'x64', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x' }

function platformOf(name) {
  const rest = name.replace(/^@rollup\/rollup-/, '')
  const os = OS.find((o) => rest.startsWith(`${o}-`))
  if (!os) return undefined
  const tail = rest.slice(os.length + 1).replace(/-(msvc)$/, '')
  const libc = /-gnu|gnueabihf/.test(tail) ? 'glibc' : /musl/.test(tail) ? 'musl' : undefined
  const cpuKey = Object.keys(CPU).find((k) => tail === k || tail.startsWith(`${k}-`))
  return cpuKey ? { os, cpu: CPU[cpuKey], libc } : undefined
}

let added = 0
for (const [path, meta] of Object.entries(packages)) {
  for (const [dep, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const key = `node_modules/${dep}`
    if (packages[key] || !dep.startsWith('@rollup/rollup-')) continue
    const platform = platformOf(dep)
    if (!platform) throw new Error(`cannot tell the platform of ${dep} (needed by ${path})`)
    packages[key] = {
      version,
      cpu: [platform.cpu],
      dev: meta.dev,
      ...(platform.libc ? { libc: [platform.libc] } : {}),
      license: 'MIT',
      optional: true,
      os: [platform.os],
    }
    added++
  }
}
lock.packages = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))))
writeFileSync(LOCK, JSON.stringify(lock, null, 2) + '\n')
console.log(`added ${added} platform package entries to package-lock.json`)
