// 10,000-host INI inventory: load + `--list` JSON, timed and printed (not asserted; target < 2 s).
// Run: npx vite-node bench/inventory-10k.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { loadInventory } from '../src/inventory/load.js'
import { formatList, listHostsOutput } from '../src/inventory/output.js'

const HOSTS = 10_000

function kubesprayLikeIni(n: number): string {
  const lines = ['[all]']
  for (let i = 1; i <= n; i++) {
    const ip = `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`
    lines.push(`node${i} \t ansible_host=${ip} ip=${ip} etcd_member_name=etcd${i} disk_volume_device_1=/dev/vdc`)
  }
  lines.push('[kube-master]', 'node[1:3]', '[etcd]', 'node[1:5]', '[kube-node]', `node[1:${n}]`)
  lines.push('[gfs-cluster]', `node[1:${Math.floor(n / 10)}] disk_volume_device_1=/dev/vdd`)
  lines.push('[k8s-cluster:children]', 'kube-node', 'kube-master', '[network-storage:children]', 'gfs-cluster')
  lines.push('[k8s-cluster:vars]', 'kube_network_plugin = "flannel"', '[all:vars]', 'ansible_user = core')
  return lines.join('\n') + '\n'
}

const dir = mkdtempSync(join(tmpdir(), 'tsplay-bench-inv-'))
try {
  const file = join(dir, 'hosts.ini')
  writeFileSync(file, kubesprayLikeIni(HOSTS))
  const t0 = performance.now()
  const inv = await loadInventory([file])
  const t1 = performance.now()
  const json = formatList(inv)
  const t2 = performance.now()
  const listed = listHostsOutput(inv, 'k8s-cluster:!kube-master')
  const t3 = performance.now()
  console.log(`inventory-10k: ${inv.hostNames().length} hosts, ${(json.length / 1e6).toFixed(1)} MB of --list JSON`)
  console.log(`  load          ${(t1 - t0).toFixed(0)} ms`)
  console.log(`  --list        ${(t2 - t1).toFixed(0)} ms`)
  console.log(`  load + --list ${(t2 - t0).toFixed(0)} ms (target < 2000 ms)`)
  console.log(`  pattern       ${(t3 - t2).toFixed(0)} ms (${listed.split('\n')[0].trim()})`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
