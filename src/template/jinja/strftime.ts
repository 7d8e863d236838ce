// Python's time.strftime over a JS Date: the strftime filter and datetime's now().strftime().

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']
const p2 = (n: number) => String(n).padStart(2, '0')

export function strftime(fmt: string, d: Date, utc: boolean): string {
  const Y = utc ? d.getUTCFullYear() : d.getFullYear()
  const m = utc ? d.getUTCMonth() : d.getMonth()
  const D = utc ? d.getUTCDate() : d.getDate()
  const H = utc ? d.getUTCHours() : d.getHours()
  const M = utc ? d.getUTCMinutes() : d.getMinutes()
  const S = utc ? d.getUTCSeconds() : d.getSeconds()
  const w = utc ? d.getUTCDay() : d.getDay()
  const start = utc ? Date.UTC(Y, 0, 1) : new Date(Y, 0, 1).getTime()
  const yday = Math.floor((d.getTime() - start) / 86400000) + 1
  const off = utc ? 0 : -d.getTimezoneOffset()
  return fmt.replace(/%([a-zA-Z%])/g, (all, c: string) => {
    switch (c) {
      case 'Y': return String(Y)
      case 'y': return p2(Y % 100)
      case 'm': return p2(m + 1)
      case 'd': return p2(D)
      case 'e': return String(D).padStart(2, ' ')
      case 'H': return p2(H)
      case 'I': return p2(H % 12 || 12)
      case 'M': return p2(M)
      case 'S': return p2(S)
      case 'f': return String(d.getMilliseconds() * 1000).padStart(6, '0')
      case 'p': return H < 12 ? 'AM' : 'PM'
      case 'a': return DAYS[w].slice(0, 3)
      case 'A': return DAYS[w]
      case 'b': case 'h': return MONTHS[m].slice(0, 3)
      case 'B': return MONTHS[m]
      case 'j': return String(yday).padStart(3, '0')
      case 'w': return String(w)
      case 'u': return String(w || 7)
      case 'z': return (off < 0 ? '-' : '+') + p2(Math.floor(Math.abs(off) / 60)) + p2(Math.abs(off) % 60)
      case 'Z': return utc ? 'UTC' : (Intl.DateTimeFormat('en', { timeZoneName: 'short' }).formatToParts(d).find((x) => x.type === 'timeZoneName')?.value ?? '')
      case 's': return String(Math.floor(d.getTime() / 1000))
      case 'F': return `${Y}-${p2(m + 1)}-${p2(D)}`
      case 'T': return `${p2(H)}:${p2(M)}:${p2(S)}`
      case 'D': return `${p2(m + 1)}/${p2(D)}/${p2(Y % 100)}`
      case 'c': return `${DAYS[w].slice(0, 3)} ${MONTHS[m].slice(0, 3)} ${String(D).padStart(2, ' ')} ${p2(H)}:${p2(M)}:${p2(S)} ${Y}`
      case '%': return '%'
    }
    return all
  })
}
