// Times as Python prints them: str(datetime.now()) and str(timedelta), in module results content may
// parse (command's start/end/delta, pause's start/stop) and for the template engine's timedelta.

const pad = (n: number, w = 2) => String(n).padStart(w, '0')

/** str(datetime.now()): local time, microseconds (JS has milliseconds). */
export function pyNow(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds() * 1000, 6)}`
}

/** str(timedelta): H:MM:SS.ffffff (no fraction when whole; "N day(s), " before it past a day). */
export function pyDelta(ms: number): string {
  const micro = Math.round(ms * 1000)
  const days = Math.floor(micro / 86_400_000_000)
  const rest = micro - days * 86_400_000_000
  const s = Math.floor(rest / 1_000_000)
  const fraction = rest % 1_000_000
  const clock = `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}${fraction ? `.${pad(fraction, 6)}` : ''}`
  return days ? `${days} day${Math.abs(days) === 1 ? '' : 's'}, ${clock}` : clock
}
