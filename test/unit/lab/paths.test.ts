import { describe, expect, it } from 'vitest'
import { LabError } from '../../../src/errors.js'
import {
  MAX_HOSTS,
  bridgeName,
  checkHostPrefix,
  checkLabName,
  hostName,
  hostIp,
  labPaths,
  labsRoot,
  netnsName,
  parseHostName,
  vethName,
} from '../../../src/lab/paths.js'

describe('lab names and kernel object names', () => {
  it('accepts 1-6 of [a-z0-9] and rejects the rest with a hint', () => {
    expect(checkLabName('lab')).toBe('lab')
    expect(checkLabName('e2e9zz')).toBe('e2e9zz')
    for (const bad of ['', 'toolong', 'Lab', 'a-b', '../x', 'a b']) {
      expect(() => checkLabName(bad)).toThrowError(LabError)
    }
    expect(() => labPaths('../etc')).toThrowError("invalid lab name '../etc'")
  })

  it('keeps every interface name within IFNAMSIZ (15) for the longest name and index', () => {
    expect(vethName('abcdef', MAX_HOSTS)).toBe('tspabcdefh240')
    expect(vethName('abcdef', MAX_HOSTS).length).toBeLessThanOrEqual(15)
    expect(bridgeName('abcdef').length).toBeLessThanOrEqual(15)
  })

  it('gives distinct labs distinct namespaces and interfaces', () => {
    expect(netnsName('a', 11)).not.toBe(netnsName('a1', 1))
    expect(vethName('a', 11)).not.toBe(vethName('a1', 1)) // 'tspah11' vs 'tspa1h1'
  })

  it('puts host i at .10+i of the lab subnet', () => {
    expect(hostIp(7, 1)).toBe('10.213.7.11')
    expect(hostIp(7, MAX_HOSTS)).toBe('10.213.7.250')
  })

  it('honours TSPLAY_LAB_DIR as the parent of state dirs', () => {
    expect(labsRoot({})).toBe('/var/lib/tsplay/labs')
    expect(labsRoot({ TSPLAY_LAB_DIR: '/tmp/x' })).toBe('/tmp/x')
    expect(labPaths('lab', '/tmp/x').state).toBe('/tmp/x/lab/state.json')
  })

  it('names hosts PREFIX-N (lab by default) and accepts only plain prefixes', () => {
    expect(hostName(3)).toBe('lab-3')
    expect(hostName(3, 'web')).toBe('web-3')
    expect(checkHostPrefix('bn1000a')).toBe('bn1000a')
    for (const bad of ['', '1a', 'a-b', 'A', 'x'.repeat(17)]) expect(() => checkHostPrefix(bad)).toThrowError(LabError)
  })

  it('parses host names and lists the known ones when a name is wrong', () => {
    expect(parseHostName('lab-2', ['lab-1', 'lab-2'])).toBe(2)
    expect(parseHostName('web-7', ['web-7'])).toBe(7)
    expect(() => parseHostName('lab-3', ['lab-1', 'lab-2'])).toThrowError(/no lab host 'lab-3'/)
    try {
      parseHostName('web1', ['lab-1'])
    } catch (error) {
      expect((error as LabError).describe()).toBe("no lab host 'web1' (hosts: lab-1)")
    }
  })
})
