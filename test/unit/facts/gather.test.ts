import { describe, expect, it } from 'vitest'
import { gatherFacts } from '../../../src/facts/gather.js'
import { LocalConnection } from '../../../src/connection/local.js'
import { hostname, arch } from 'node:os'

describe('gatherFacts', () => {
  it('reads this machine in one round trip', async () => {
    const facts = await gatherFacts(new LocalConnection())
    expect(facts.ansible_hostname).toBe(hostname().split('.')[0])
    expect(facts.ansible_architecture).toBe(arch() === 'x64' ? 'x86_64' : facts.ansible_architecture)
    expect(facts.ansible_os_family).toBe('Debian')
    expect(facts.ansible_processor_vcpus).toBeGreaterThan(0)
    expect(facts.ansible_memtotal_mb).toBeGreaterThan(100)
  })
})

describe('the python facts', () => {
  it("are this machine's python3 as ansible-core's setup describes it (ansible_python, ansible_python_version)", async () => {
    const { execFileSync } = await import('node:child_process')
    const out = execFileSync('ansible', ['localhost', '-m', 'setup', '-a', 'gather_subset=!all,python,platform'], { encoding: 'utf8', env: { ...process.env, ANSIBLE_PYTHON_INTERPRETER: '/usr/bin/python3' } })
    const ansible = JSON.parse(out.slice(out.indexOf('{'))).ansible_facts
    const facts = await gatherFacts(new LocalConnection())
    expect(facts.ansible_python).toEqual(ansible.ansible_python)
    expect(facts.ansible_python_version).toBe(ansible.ansible_python_version)
  })
})
