import { quoteString } from '../../store/schema.js';
import { sqlError, type LakeSqlError } from './errors.js';
import type { Out } from './emitter.js';
import type { Token } from './tokenizer.js';

/**
 * Query parameters, as Lake has them: `?` markers filled in order from QueryParameters.
 * Dashboards write the markers quoted (`eventTime > '?'`) and pass `$StartTime$`, `$EndTime$`,
 * `$Period$` as the values, which stand for the dashboard's time range and period. Those
 * three may also be written straight into the query.
 */
export interface DashboardParams {
  StartTime?: string;
  EndTime?: string;
  Period?: string;
}

const DASH = /^\$(StartTime|EndTime|Period)\$$/;

export class ParamFiller {
  private next = 0;
  private lastMarker?: Token;

  constructor(
    private readonly src: string,
    private readonly params: string[] | undefined,
    private readonly dashboard: DashboardParams | undefined,
  ) {}

  get position(): number {
    return this.next;
  }

  set position(p: number) {
    this.next = p;
  }

  /** `'?'` is a marker only when values were given; otherwise it is just a string. */
  isQuotedMarker(t: Token): boolean {
    return this.params !== undefined && t.kind === 'string' && t.text === "'?'";
  }

  /** A string literal spelling a dashboard variable (`'$StartTime$'`), when dashboard values are known. */
  isQuotedDashboard(t: Token): boolean {
    return this.dashboard !== undefined && t.kind === 'string' && DASH.test(t.text.slice(1, -1));
  }

  /** Emits the value for a `?` / `'?'` marker. */
  marker(t: Token, out: Out): void {
    if (this.params === undefined) {
      throw sqlError(this.src, t.start, 'E_PARAM', 'this ? needs a value: pass the query parameters (one per ?, in order)', t.text);
    }
    const v = this.params[this.next];
    if (v === undefined) {
      throw sqlError(this.src, t.start, 'E_PARAM', `${this.params.length} parameter value(s) given, but this is ? number ${this.next + 1}: pass one value per ?`, t.text);
    }
    this.next++;
    this.lastMarker = t;
    const value = this.resolve(v, t);
    // A bare ? that receives a number stays a number (LIMIT ?); anything else is a string literal.
    out.tok(t, t.kind === 'param' && /^-?\d+(\.\d+)?$/.test(value) ? value : quoteString(value));
  }

  /** Emits `$StartTime$` (bare or quoted) as its value. */
  dashboardVar(t: Token, out: Out): void {
    const name = t.kind === 'string' ? t.text.slice(1, -1) : t.text;
    out.tok(t, quoteString(this.resolve(name, t)));
  }

  isDashboardVar(t: Token): boolean {
    return t.kind === 'dollar' && DASH.test(t.text);
  }

  /** After the whole query: values left over mean the caller and the query disagree. */
  finish(): LakeSqlError | undefined {
    if (this.params === undefined || this.next >= this.params.length) return undefined;
    const at = this.lastMarker?.start ?? 0;
    return sqlError(this.src, at, 'E_PARAM', `${this.params.length} parameter values given, but the query has ${this.next} ? marker(s)`, this.lastMarker?.text);
  }

  private resolve(v: string, t: Token): string {
    const m = DASH.exec(v);
    if (!m) return v;
    const value = this.dashboard?.[m[1] as keyof DashboardParams];
    if (value === undefined) {
      throw sqlError(this.src, t.start, 'E_PARAM', `${v} has no value: pass the dashboard's ${m[1]}`, t.text);
    }
    return value;
  }
}
