import { describe, expect, it } from 'vitest'
import { devicesOf, heketiTopology } from '../../../../src/modules/lib/heketi.js'

describe('heketi topology', () => {
  it('takes devices from disk_volume_device_N in numeric order, ignoring other vars', () => {
    expect(devicesOf({ disk_volume_device_10: '/dev/vdk', disk_volume_device_2: '/dev/vdc', disk_volume_device_1: '/dev/vdb', disk: 'x' })).toEqual([
      '/dev/vdb',
      '/dev/vdc',
      '/dev/vdk',
    ])
  })

  it('builds one node per host with its storage address', () => {
    const t = heketiTopology([
      { name: 'node4', vars: { ip: '192.0.2.14', ansible_host: '198.51.100.4', disk_volume_device_1: '/dev/vdb' } },
      { name: 'node5', vars: { ansible_host: '192.0.2.15', disk_volume_device_1: '/dev/vdb' } },
    ])
    expect(t).toEqual({
      clusters: [
        {
          nodes: [
            { node: { hostnames: { manage: ['node4'], storage: ['192.0.2.14'] }, zone: 1 }, devices: [{ name: '/dev/vdb', destroydata: false }] },
            { node: { hostnames: { manage: ['node5'], storage: ['192.0.2.15'] }, zone: 1 }, devices: [{ name: '/dev/vdb', destroydata: false }] },
          ],
        },
      ],
    })
  })

  it('names the hosts without a device', () => {
    expect(() => heketiTopology([{ name: 'node6', vars: {} }])).toThrow('no disk_volume_device_N variable on node6')
  })
})
