import { describe, expect, it } from 'vitest'
import { findMember, gcDecision, initialCluster, parseLosts, parseMemberList } from '../../../../src/modules/lib/etcd-members.js'

// Captured from etcdctl 3.4.23 on lab hosts, right after `member add lab-4`.
const LIST = `83ba5a47229d5f6a, started, lab-3, http://10.213.1.13:2380, http://10.213.1.13:2379, false
c19c668b9a593c8b, unstarted, , http://10.213.1.14:2380, , false
e1ecaaba9dba5d73, started, lab-1, http://10.213.1.11:2380, http://10.213.1.11:2379,http://127.0.0.1:2379, false
`

describe('etcd member helpers', () => {
  const members = parseMemberList(LIST)

  it('parses simple output, unstarted members included', () => {
    expect(members.map((m) => [m.id, m.status, m.name])).toEqual([
      ['83ba5a47229d5f6a', 'started', 'lab-3'],
      ['c19c668b9a593c8b', 'unstarted', ''],
      ['e1ecaaba9dba5d73', 'started', 'lab-1'],
    ])
    expect(members[1].client_urls).toEqual([])
    expect(members[2].client_urls).toEqual(['http://10.213.1.11:2379', 'http://127.0.0.1:2379'])
  })

  it('rejects output it does not understand', () => {
    expect(() => parseMemberList('Error: context deadline exceeded')).toThrow(/unexpected line/)
  })

  it('finds a member by name or, before its first start, by peer URL', () => {
    expect(findMember(members, 'lab-1')?.id).toBe('e1ecaaba9dba5d73')
    expect(findMember(members, 'lab-4', ['http://10.213.1.14:2380'])?.id).toBe('c19c668b9a593c8b')
    expect(findMember(members, 'lab-9', ['http://10.213.1.19:2380'])).toBeUndefined()
  })

  it('names the joining member in the initial cluster', () => {
    expect(initialCluster(members, 'lab-4', ['http://10.213.1.14:2380'])).toBe(
      'lab-3=http://10.213.1.13:2380,lab-4=http://10.213.1.14:2380,lab-1=http://10.213.1.11:2380',
    )
  })

  it('removes members unreachable twice in a row, remembers the new ones, forgets the recovered', () => {
    const first = gcDecision(members, new Set(['c19c668b9a593c8b']), new Set())
    expect(first.remove).toEqual([])
    expect(first.losts).toEqual(['c19c668b9a593c8b'])
    const second = gcDecision(members, new Set(['c19c668b9a593c8b', '83ba5a47229d5f6a']), new Set(first.losts))
    expect(second.remove.map((m) => m.id)).toEqual(['c19c668b9a593c8b'])
    expect(second.losts).toEqual(['83ba5a47229d5f6a'])
    expect(gcDecision(members, new Set(), new Set(['83ba5a47229d5f6a']))).toEqual({ remove: [], losts: [] })
  })

  it('reads ids back from the losts file, ignoring names and junk', () => {
    expect([...parseLosts('c19c668b9a593c8b lab-4\n\n# note\n83ba5a47229d5f6a\n')]).toEqual(['c19c668b9a593c8b', '83ba5a47229d5f6a'])
  })
})
