// Micro-benchmark of the Jinja2 engine (printed, never asserted): a `when:` condition on a host that
// sees 200 hosts of lazy hostvars (40 vars each), and a 30-line template with a loop, ifs and filters.
//   npx vite-node bench/jinja-micro.ts
import { condition, renderFile } from '../src/template/jinja/index.js'
import { markScope } from '../src/template/markers.js'

const HOSTS = 200
const names = Array.from({ length: HOSTS }, (_, i) => `node${i + 1}`)
const known = new Set(names)
let built = 0

function hostVars(name: string, i: number): Record<string, unknown> {
  built++
  const v: Record<string, unknown> = { inventory_hostname: name, ansible_host: `10.0.${i >> 8}.${i & 255}`, ip: `10.0.${i >> 8}.${i & 255}` }
  for (let k = 0; k < 34; k++) v[`var_${k}`] = k % 3 ? `value-${k}` : `{{ ip }}:${k}`
  v.etcd_member_name = `etcd${i}`
  v.node_labels = { role: i % 2 ? 'worker' : 'master' }
  v.etcd_url = 'https://{{ ip }}:2379'
  return markScope(v)
}

// hostvars: entries are built when read, never enumerated
const cache = new Map<string, Record<string, unknown>>()
const hostvars = new Proxy({} as Record<string, unknown>, {
  has: (_t, k) => typeof k === 'string' && known.has(k),
  get: (_t, k) => {
    if (typeof k !== 'string' || !known.has(k)) return undefined
    let v = cache.get(k)
    if (!v) cache.set(k, (v = hostVars(k, names.indexOf(k))))
    return v
  },
  ownKeys: () => names,
  getOwnPropertyDescriptor: (_t, k) => (typeof k === 'string' && known.has(k) ? { enumerable: true, configurable: true } : undefined),
})

const vars: Record<string, unknown> = {
  ...hostVars('node1', 0),
  hostvars,
  groups: { all: names, etcd: names.slice(0, 3), kube_node: names.slice(3) },
  group_names: ['etcd'],
  etcd_deployment_type: 'host',
}

function time(label: string, n: number, fn: () => unknown): number {
  for (let i = 0; i < Math.min(1000, n); i++) fn() // warm up
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < n; i++) fn()
  const us = Number(process.hrtime.bigint() - t0) / 1000 / n
  console.log(`${label}: ${us.toFixed(1)} µs per evaluation`)
  return us
}

const when = "inventory_hostname in groups['etcd'] and hostvars[groups['etcd'][0]]['etcd_member_name'] is defined and (etcd_deployment_type | default('host')) == 'host' and hostvars['node2'].etcd_url.startswith('https://')"
if (!condition(when, vars)) throw new Error('condition should be true')
time('when: over 200 lazy hostvars', 20000, () => condition(when, vars))
console.log(`(hostvars entries built: ${built} of ${HOSTS + 1})`)

const template = `# {{ ansible_managed | default('managed by tsplay') }}
[Unit]
Description=etcd {{ etcd_member_name }}
{% if etcd_deployment_type == 'host' %}
After=network.target
{% else %}
After=docker.service
{% endif %}

[Service]
Environment="ETCD_NAME={{ etcd_member_name | upper }}"
Environment="ETCD_INITIAL_CLUSTER={% for h in groups['etcd'] %}{{ hostvars[h].etcd_member_name }}=https://{{ hostvars[h].ip }}:2380{{ ',' if not loop.last }}{% endfor %}"
{% for h in groups['etcd'] %}
# peer {{ loop.index }}/{{ loop.length }}: {{ h }} ({{ hostvars[h].node_labels.role | default('none') }})
{%   if hostvars[h].ip is defined and h != inventory_hostname %}
Environment="PEER_{{ loop.index0 }}={{ hostvars[h].ip | replace('.', '-') }}"
{%   endif %}
{% endfor %}
{% set ports = [2379, 2380] %}
ExecStart=/usr/local/bin/etcd --listen={{ ports | map('string') | join(',') }}
Restart={{ 'always' if etcd_deployment_type == 'host' else 'no' }}
LimitNOFILE={{ 40000 + 960 }}
Labels={{ node_labels | dict2items | map(attribute='value') | list | to_json }}
{% if var_1 is defined and var_1 | length > 3 %}
Var1={{ var_1 | regex_replace('-', '_') }}
{% endif %}
Count={{ groups['kube_node'] | length }}

[Install]
WantedBy=multi-user.target
`
console.log(renderFile(template, vars).split('\n').length, 'lines rendered')
time('30-line template (loop, ifs, filters)', 5000, () => renderFile(template, vars))
