/**
 * Timestamps the way the AWS CLI reads `--start-time` / `--end-time`: botocore first tries the
 * text as Unix seconds (float), then hands it to dateutil's parser; a time without a zone is UTC.
 * This covers the dateutil forms people actually type (the ones the CLI's own docs show):
 *
 *   1422317760   1422317760.5   2015-01-27   01-27-2015   01/27/2015   2015/01/27
 *   01-27-2015, 01:16PM   "01/27/2015, 13:16"   "2015-01-27, 01:16 PM"   "2015-01-27 13:16:00"
 *   2015-01-27T13:16:00   2015-01-27T13:16:00.250Z   2015-01-27T13:16:00+01:00   20150127T131600Z
 *
 * Month-first like dateutil (01-02-2015 is January 2nd), except when the first number cannot be a
 * month (27-01-2015), where dateutil also swaps. Returns epoch microseconds (what DuckDB
 * TIMESTAMP holds), or null when the text is not a timestamp.
 */
export function parseAwsTimestamp(text: string): number | null {
  const s = text.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    const secs = Number(s);
    // Python's fromtimestamp keeps microseconds, rounding half to even; rounding is enough here.
    return Number.isFinite(secs) ? Math.round(secs * 1e6) : null;
  }
  return parseDateTime(s);
}

const DATE_YMD = /^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})/;
const DATE_MDY = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})/;
const DATE_BASIC = /^(\d{4})(\d{2})(\d{2})(?=T|$)/;
const TIME = /^(\d{1,2})(?::(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(?:([AaPp])\.?[Mm]\.?)?/;
const TIME_BASIC = /^(\d{2})(\d{2})(\d{2})?(?:[.,](\d{1,9}))?/;
const ZONE = /^\s*(?:(Z|UTC|GMT)|([+-])(\d{2}):?(\d{2})?)$/i;

function parseDateTime(s: string): number | null {
  let y: number, mo: number, d: number;
  let rest: string;
  let m = DATE_YMD.exec(s);
  if (m) {
    [y, mo, d] = [Number(m[1]), Number(m[3]), Number(m[4])];
  } else if ((m = DATE_MDY.exec(s))) {
    [mo, d, y] = [Number(m[1]), Number(m[3]), Number(m[4])];
    if (mo > 12 && d <= 12) [mo, d] = [d, mo];
  } else if ((m = DATE_BASIC.exec(s))) {
    [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  } else {
    return null;
  }
  rest = s.slice(m[0].length);
  if (!validDate(y, mo, d)) return null;

  let h = 0, mi = 0, sec = 0, frac = 0;
  const sep = /^(?:T|,?\s+|,)/.exec(rest);
  if (sep && rest.length > sep[0].length) {
    rest = rest.slice(sep[0].length);
    const basic = sep[0] === 'T' && /^\d{4}/.test(rest) ? TIME_BASIC.exec(rest) : null;
    const t = basic ? null : TIME.exec(rest);
    if (basic) {
      [h, mi, sec] = [Number(basic[1]), Number(basic[2]), Number(basic[3] ?? 0)];
      frac = fraction(basic[4]);
      rest = rest.slice(basic[0].length);
    } else if (t && t[0].trim()) {
      // A bare hour needs AM/PM ("1 PM"); "2015-01-27 13" alone is not a time dateutil reads.
      if (t[2] === undefined && !t[5]) return null;
      [h, mi, sec] = [Number(t[1]), Number(t[2] ?? 0), Number(t[3] ?? 0)];
      frac = fraction(t[4]);
      if (t[5]) {
        if (h < 1 || h > 12) return null;
        const pm = t[5].toLowerCase() === 'p';
        h = (h % 12) + (pm ? 12 : 0);
      }
      rest = rest.slice(t[0].length);
    } else {
      return null;
    }
    if (h > 23 || mi > 59 || sec > 59) return null;
  } else if (rest === 'T') {
    return null;
  }

  let offsetMin = 0;
  if (rest.trim()) {
    const z = ZONE.exec(rest);
    if (!z) return null;
    if (z[2]) offsetMin = (z[2] === '-' ? -1 : 1) * (Number(z[3]) * 60 + Number(z[4] ?? 0));
  }
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec);
  return ms * 1000 + frac - offsetMin * 60_000_000;
}

function validDate(y: number, mo: number, d: number): boolean {
  if (y < 1 || mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

/** Digits after the decimal point → microseconds (truncated past 6 digits, as Python does). */
function fraction(digits: string | undefined): number {
  return digits ? Number(digits.slice(0, 6).padEnd(6, '0')) : 0;
}

/** Epoch microseconds → how the AWS CLI v2 prints a timestamp (UTC): 2024-03-01T12:00:00+00:00. */
export function awsCliTime(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const iso = new Date(ms).toISOString().slice(0, 19);
  const us = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  return `${iso}${us ? `.${String(us).padStart(6, '0')}` : ''}+00:00`;
}
