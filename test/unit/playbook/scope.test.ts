import { describe, expect, it } from 'vitest'
import { PRECEDENCE, taskScope } from '../../../src/playbook/scope.js'

describe('taskScope', () => {
  it('applies layers lowest first: each later layer wins', () => {
    // Every layer sets `v` to its own name; the winner must be the last layer in PRECEDENCE.
    const listLayers = new Set(['roleDefaults', 'varsFiles', 'roleVars', 'blockVars'])
    const layers = Object.fromEntries(PRECEDENCE.map((name) => [name, listLayers.has(name) ? [{ v: name }] : { v: name }]))
    expect(taskScope(layers).v).toBe('loopVars')
    for (let i = 0; i < PRECEDENCE.length; i++) {
      const upTo = Object.fromEntries(Object.entries(layers).filter(([k]) => PRECEDENCE.indexOf(k as never) <= i))
      expect(taskScope(upTo).v).toBe(PRECEDENCE[i])
    }
  })

  it('follows Ansible for the usual cases', () => {
    const scope = taskScope({
      roleDefaults: [{ port: 1, a: 'default' }],
      inventory: { port: 2, host_only: true },
      playVars: { port: 3 },
      roleVars: [{ port: 4 }],
      hostFacts: { registered: 'r' },
      extraVars: { port: 9 },
      magic: { inventory_hostname: 'node1' },
    })
    expect(scope).toEqual({ port: 9, a: 'default', host_only: true, registered: 'r', inventory_hostname: 'node1' })
  })

  it('replaces dicts whole (hash_behaviour=replace) and leaves inputs untouched', () => {
    const playVars = { conf: { a: 1, b: 2 } }
    const scope = taskScope({ playVars, taskVars: { conf: { a: 5 } } })
    expect(scope.conf).toEqual({ a: 5 })
    expect(playVars).toEqual({ conf: { a: 1, b: 2 } })
  })
})
