// date_time: the host's clock and time zone from one `date` (now, and Jan 1 / Jul 1 for the zone's
// daylight-saving name, Python's time.tzname[1]); every field is formatted here as Python's strftime does.
import { defineCollector } from '../collector.js'

const STEP = `date -f - '+%s %N %z %Z' <<'EOF'
now
jan 1
jul 1
EOF`

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']

interface Instant {
  epoch: number
  nanos: string
  offset: string // +hhmm
  zone: string
}

function parse(line: string): Instant | undefined {
  const m = /^(-?\d+) (\d{9}) ([+-]\d{4}) (.*)$/.exec(line.trim())
  return m ? { epoch: Number(m[1]), nanos: m[2], offset: m[3], zone: m[4] } : undefined
}

const offsetSeconds = (o: string) => (o[0] === '-' ? -1 : 1) * (Number(o.slice(1, 3)) * 3600 + Number(o.slice(3, 5)) * 60)
const pad = (n: number, w = 2) => String(n).padStart(w, '0')

export const dateTime = defineCollector({
  name: 'date_time',
  probe: () => ({ steps: [['date', STEP]] }),
  collect(raw) {
    const [now, jan, jul] = (raw.sections.get('date') ?? '').split('\n').map(parse)
    if (!now) return {}
    const local = new Date((now.epoch + offsetSeconds(now.offset)) * 1000)
    const utc = new Date(now.epoch * 1000)
    const micro = now.nanos.slice(0, 6)
    const ymd = (d: Date) => [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())]
    const hms = (d: Date) => [pad(d.getUTCHours()), pad(d.getUTCMinutes()), pad(d.getUTCSeconds())]
    const [year, month, day] = ymd(local)
    const [hour, minute, second] = hms(local)
    const [uy, um, ud] = ymd(utc)
    const [uh, umi, us] = hms(utc)
    const wday = local.getUTCDay()
    const yday = Math.floor((local.getTime() - Date.UTC(local.getUTCFullYear(), 0, 1)) / 86400000)
    return {
      date_time: {
        year: String(year),
        month,
        weekday: DAYS[wday],
        weekday_number: String(wday),
        weeknumber: pad(Math.floor((yday + 7 - ((wday + 6) % 7)) / 7)),
        day,
        hour,
        minute,
        second,
        epoch: String(now.epoch),
        epoch_int: String(now.epoch),
        date: `${year}-${month}-${day}`,
        time: `${hour}:${minute}:${second}`,
        iso8601_micro: `${uy}-${um}-${ud}T${uh}:${umi}:${us}.${micro}Z`,
        iso8601: `${uy}-${um}-${ud}T${uh}:${umi}:${us}Z`,
        iso8601_basic: `${year}${month}${day}T${hour}${minute}${second}${micro}`,
        iso8601_basic_short: `${year}${month}${day}T${hour}${minute}${second}`,
        tz: now.zone,
        tz_dst: dstName(jan, jul) ?? now.zone,
        tz_offset: now.offset,
      },
    }
  },
})

/** time.tzname[1]: the daylight-saving abbreviation (the half of the year with the larger offset), else the standard one. */
function dstName(jan: Instant | undefined, jul: Instant | undefined): string | undefined {
  if (!jan || !jul) return undefined
  if (jan.offset === jul.offset) return jan.zone
  return offsetSeconds(jul.offset) > offsetSeconds(jan.offset) ? jul.zone : jan.zone
}
