// date_time: tsplay formats one `date` output; compared with ansible-core's collector (its clock set to
// the same instant) in several time zones, across DST changes and year ends.
import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { dateTime } from '../../../src/facts/linux/date-time.js'
import type { Raw } from '../../../src/facts/raw.js'

const ANSIBLE = `
import json, sys, time
from ansible.module_utils.facts.system.date_time import DateTimeFactCollector
out = []
for instant in sys.argv[1:]:
    time.time = lambda: float(instant)
    out.append(DateTimeFactCollector().collect()['date_time'])
print(json.dumps(out))
`

function ansible(epochs: string[], tz: string): Record<string, string>[] {
  const out = execFileSync('/usr/bin/python3', ['-c', ANSIBLE, ...epochs], { env: { ...process.env, TZ: tz }, encoding: 'utf8' })
  return JSON.parse(out) as Record<string, string>[]
}

function tsplay(epoch: string, tz: string): Record<string, string> {
  const date = (when: string) => execFileSync('date', ['-d', when, '+%s %N %z %Z'], { env: { ...process.env, TZ: tz }, encoding: 'utf8' })
  const raw = { sections: new Map([['date', date(`@${epoch}`) + date('jan 1') + date('jul 1')]]) } as unknown as Raw
  return (dateTime.collect(raw, {}, { factPath: '', timeoutS: 10 }) as { date_time: Record<string, string> }).date_time
}

describe("date_time, compared with ansible-core's collector at the same instant", () => {
  const zones = ['UTC', 'Europe/Paris', 'America/New_York', 'Australia/Sydney', 'Asia/Kolkata', 'Asia/Tokyo', 'Etc/GMT+5']
  const instants = ['1700000000.123456', '1735689599.999999', '1711846800.5', '1704067200', '1730595600.000001']
  it.each(zones)('%s', (tz) => {
    const answers = ansible(instants, tz)
    instants.forEach((epoch, i) => {
      const want = answers[i]
      const got = tsplay(epoch, tz)
      // tz and tz_offset are the zone's name and offset now, in both tools (not at the instant)
      const { tz: _t1, tz_offset: _o1, ...a } = want
      const { tz: _t2, tz_offset: _o2, ...b } = got
      expect(b, `${tz} @${epoch}`).toEqual(a)
    })
  })
})
