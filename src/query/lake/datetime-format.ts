/**
 * Trino's date format strings to DuckDB strftime/strptime formats: date_format/date_parse use
 * MySQL specifiers (`%Y-%m-%d %H:%i:%s`), format_datetime/parse_datetime use Joda patterns
 * (`yyyy-MM-dd HH:mm:ss`). Returns undefined for specifiers DuckDB cannot express, so the
 * caller can report them instead of formatting something else.
 */

const MYSQL: Record<string, string> = {
  a: '%a', b: '%b', c: '%-m', d: '%d', e: '%-d', f: '%f', H: '%H', h: '%I', I: '%I', i: '%M', j: '%j', k: '%-H', l: '%-I',
  M: '%B', m: '%m', p: '%p', r: '%I:%M:%S %p', S: '%S', s: '%S', T: '%H:%M:%S', U: '%U', u: '%W', v: '%V', W: '%A', w: '%w',
  x: '%G', Y: '%Y', y: '%y', '%': '%%',
};

export function mysqlFormatToStrftime(fmt: string): string | undefined {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const s = fmt[++i];
    if (s === undefined) return undefined;
    if (s === 'D' || s === 'V' || s === 'X') return undefined; // not supported by Trino either
    out += MYSQL[s] ?? s; // MySQL: "%x" for an unlisted x is x itself
  }
  return out;
}

const JODA: Record<string, string> = {
  yyyy: '%Y', yy: '%y', y: '%Y', YYYY: '%Y', MMMM: '%B', MMM: '%b', MM: '%m', M: '%-m', dd: '%d', d: '%-d',
  HH: '%H', H: '%-H', hh: '%I', h: '%-I', mm: '%M', m: '%-M', ss: '%S', s: '%-S', SSS: '%g', SSSSSS: '%f',
  a: '%p', EEEE: '%A', EEE: '%a', E: '%a', DDD: '%j', D: '%-j', Z: '%z', ZZ: '%z', z: '%Z', ww: '%V', w: '%-V',
};

export function jodaFormatToStrftime(fmt: string): string | undefined {
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c === "'") {
      const end = fmt.indexOf("'", i + 1);
      if (end < 0) return undefined;
      out += end === i + 1 ? "'" : fmt.slice(i + 1, end).replace(/%/g, '%%');
      i = end + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (fmt[j] === c) j++;
      const run = fmt.slice(i, j);
      const spec = JODA[run];
      if (!spec) return undefined;
      out += spec;
      i = j;
    } else {
      out += c === '%' ? '%%' : c;
      i++;
    }
  }
  return out;
}
