// gather_subset and filter, compared with ansible-core's own selection and filtering code.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { collectors } from '../../../src/facts/collectors.js'
import { filterFacts } from '../../../src/facts/filter.js'
import { selectCollectors } from '../../../src/facts/subsets.js'

const python = (code: string, input: unknown): unknown =>
  JSON.parse(execFileSync('/usr/bin/python3', ['-c', code], { input: JSON.stringify(input), encoding: 'utf8' }))

// the collectors ansible-core's setup picks on Linux for each gather_subset (or the error it gives)
const SELECT = `
import json, sys
from ansible.module_utils.facts import default_collectors, collector
from ansible.module_utils.facts.collector import collector_classes_from_gather_subset
minimal = frozenset(['apparmor', 'caps', 'cmdline', 'date_time', 'distribution', 'dns', 'env', 'fips', 'local',
                     'lsb', 'pkg_mgr', 'platform', 'python', 'selinux', 'service_mgr', 'ssh_pub_keys', 'user'])
out = []
for subset in json.load(sys.stdin):
    try:
        classes = collector_classes_from_gather_subset(all_collector_classes=default_collectors.collectors,
            minimal_gather_subset=minimal, gather_subset=subset, platform_info={'system': 'Linux'})
        out.append(sorted(set(c.name for c in classes)))
    except TypeError as e:
        out.append(str(e))
print(json.dumps(out))
`

const FILTER = `
import json, sys
from ansible.module_utils.facts.ansible_collector import AnsibleFactCollector
facts, specs = json.load(sys.stdin)
print(json.dumps([sorted(k for k, v in AnsibleFactCollector()._filter(facts, spec)) if spec else sorted(facts) for spec in specs]))
`

describe('gather_subset selects the collectors ansible-core selects', () => {
  const subsets = [
    [], ['all'], ['min'], ['!all'], ['!all', '!min'], ['!min'], ['network'], ['!all', 'network'], ['hardware', '!min'],
    ['!all', '!min', 'interfaces'], ['!all', '!min', 'distribution_version'], ['!hardware'], ['!devices'], ['all', '!virtual', '!network'],
    ['!all', 'virtual', '!facter'], ['!all', '!min', 'local', 'user_id'], ['!all', 'ssh_host_key_rsa_public', '!ssh_pub_keys'], ['bogus'], ['!all', 'facter', 'ohai'],
  ]
  it('for every form', () => {
    const ansible = python(SELECT, subsets) as Array<string[] | string>
    subsets.forEach((subset, i) => {
      let ours: string[] | string
      try {
        ours = selectCollectors(collectors, subset).map((c) => c.name).sort()
      } catch (e) {
        ours = (e as Error).message
      }
      expect(ours, JSON.stringify(subset)).toEqual(ansible[i])
    })
  })
})

describe('filter keeps the facts ansible-core keeps', () => {
  const facts = Object.fromEntries(
    ['ansible_eth0', 'ansible_eth1', 'ansible_lo', 'ansible_distribution', 'ansible_distribution_version', 'ansible_memtotal_mb', 'gather_subset', 'module_setup', 'ansible_br_x', 'facter_x', 'ansible_a[1]'].map((k) => [k, 1]),
  )
  const specs = [[], ['*'], ['ansible_eth*'], ['eth*'], ['ansible_distribution'], ['distribution*', 'mem*'], ['ansible_eth[01]'], ['ansible_eth[!0]'], ['?o'], ['gather_subset'], [''], ['facter_*'], ['ansible_a[1]'], ['ansible_[']]
  it('for every pattern', () => {
    const ansible = python(FILTER, [facts, specs]) as string[][]
    specs.forEach((spec, i) => expect(Object.keys(filterFacts(facts, spec)).sort(), JSON.stringify(spec)).toEqual(ansible[i]))
  })
})
