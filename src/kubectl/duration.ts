// Human-readable ages as kubectl prints them (HumanDuration of
// apimachinery pkg/util/duration), the RFC 1123Z timestamps of `kubectl describe`, and Go's
// time.Duration as duration flags (`--timeout=90s`) read and errors print it. All "now" values
// come from the cluster's virtual clock.

import type { VirtualClock } from '../util/clock.ts';
import { UserError } from '../util/errors.ts';

/** duration.HumanDuration(d) for d in milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(seconds / 3600);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    return dy === 0 ? `${Math.trunc(hours / 24 / 365)}y` : `${Math.trunc(hours / 24 / 365)}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** translateTimestampSince: `<unknown>` for a missing timestamp, else HumanDuration(now - t). */
export function since(clock: Pick<VirtualClock, 'now'>, timestamp: string | null | undefined): string {
  if (!timestamp) return '<unknown>';
  return humanDuration(clock.now() - Date.parse(timestamp));
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Go's time.RFC1123Z in UTC: `Mon, 02 Jun 2025 10:04:11 +0000`. */
export function rfc1123z(timestamp: string): string {
  const d = new Date(timestamp);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]}, ${p(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/** Go's time.Duration.String() for whole seconds: `5s`, `1m30s`, `1h0m0s`. */
export function goDuration(seconds: number): string {
  if (seconds === 0) return '0s';
  const h = Math.floor(seconds / 3600),
    m = Math.floor((seconds % 3600) / 60),
    s = seconds % 60;
  if (h > 0) return `${h}h${m}m${s}s`;
  if (m > 0) return `${m}m${s}s`;
  return `${s}s`;
}

/** Parses a Go duration flag (`90s`, `5m`, `1h30m`, `0`) into whole seconds. */
export function parseGoDuration(text: string): number {
  if (text === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(h|ms|m|s)/g;
  let total = 0,
    consumed = 0,
    m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (m.index !== consumed) break;
    consumed += m[0].length;
    const n = parseFloat(m[1]);
    total += m[2] === 'h' ? n * 3600 : m[2] === 'm' ? n * 60 : m[2] === 's' ? n : n / 1000;
  }
  if (consumed !== text.length || consumed === 0)
    throw new UserError(`invalid argument "${text}" for "--timeout" flag: time: invalid duration "${text}"`);
  return Math.ceil(total);
}
