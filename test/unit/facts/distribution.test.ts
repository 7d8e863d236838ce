// distribution and lsb facts of many distributions, each compared with what ansible-core's own
// collectors say about the same /etc (both read it inside a private mount namespace).
import { describe, expect, it } from 'vitest'
import { ansibleFacts, canFakeEtc, tsplayFacts } from './fake-etc.js'
import { distributions } from './distributions.js'

describe.skipIf(!canFakeEtc)('distribution facts, compared with ansible-core on the same /etc', () => {
  it.each(Object.entries(distributions))('%s', (_name, etc) => {
    const ansible = ansibleFacts(etc, ['system.distribution.DistributionFactCollector', 'system.lsb.LSBFactCollector'])
    const tsplay = tsplayFacts(etc, ['!all', '!min', 'distribution', 'lsb'])
    expect(tsplay).toEqual(ansible)
  })
})
