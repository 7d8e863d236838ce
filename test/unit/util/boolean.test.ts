import { describe, expect, it } from 'vitest'
import { boolFilter, looseBoolean, parseBoolean } from '../../../src/util/boolean.js'

describe("Ansible's boolean()", () => {
  it('reads every word module_utils accepts, in any case and with spaces around', () => {
    const yes = ['y', 'yes', 'on', '1', 'true', 't', 'Yes', ' TRUE ', 'T', 1, true]
    const no = ['n', 'no', 'off', '0', 'false', 'f', 'No', ' OFF', 'F', 0, false]
    expect(yes.map(parseBoolean)).toEqual(yes.map(() => true))
    expect(no.map(parseBoolean)).toEqual(no.map(() => false))
  })

  it('stands for nothing on other values (strict callers raise, loose ones read false)', () => {
    for (const v of ['maybe', '', '2', 2, 0.5, null, undefined, [], {}]) expect(parseBoolean(v)).toBeUndefined()
    expect(looseBoolean('maybe')).toBe(false)
    expect(looseBoolean('t')).toBe(true)
  })
})

describe('the bool filter (to_bool)', () => {
  it('is looser: only yes/on/1/true and 1 are true, t and y are not, None stays None', () => {
    expect(['Yes', 'on', '1', 'TRUE', 1, true].map(boolFilter)).toEqual([true, true, true, true, true, true])
    expect(['t', 'y', ' yes', '2', 0, false].map(boolFilter)).toEqual([false, false, false, false, false, false])
    expect(boolFilter(null)).toBeNull()
  })
})

describe('the published schemas say the same', () => {
  it("defs.schema.json's boolish pattern accepts exactly what boolean() accepts", async () => {
    const { readFileSync } = await import('node:fs')
    const defs = JSON.parse(readFileSync(new URL('../../../schemas/defs.schema.json', import.meta.url), 'utf8'))
    const pattern = new RegExp(defs.definitions.boolish.anyOf.find((b: { pattern?: string }) => b.pattern).pattern)
    const variants = (w: string) => [w, w.toUpperCase(), w[0].toUpperCase() + w.slice(1), ` ${w} `]
    const words = ['y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f'].flatMap(variants)
    const others = ['maybe', '', 'ye', 'of', 'tru', 'yess', '2', '01', 'nope', 'o']
    for (const w of [...words, ...others]) expect(pattern.test(w), JSON.stringify(w)).toBe(parseBoolean(w) !== undefined)
  })
})
