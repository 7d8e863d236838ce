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
