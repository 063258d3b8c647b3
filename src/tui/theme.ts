import type { TokenKind } from './sql-tokens.js';
import type { ValueKind } from './json-tree.js';

/** Colours, in one place; the 16 basic ones, so every terminal (and tmux) shows them alike. */

export const SQL_COLORS: Partial<Record<TokenKind, string>> = {
  keyword: 'blue',
  function: 'cyan',
  string: 'green',
  number: 'yellow',
  comment: 'gray',
  param: 'magenta',
  storeId: 'yellow',
  quoted: 'white',
};

export const JSON_COLORS: Record<ValueKind, string | undefined> = {
  string: 'green',
  number: 'yellow',
  boolean: 'magenta',
  null: 'gray',
  punct: undefined,
};

export const FOCUS_COLOR = 'cyan';
export const ERROR_COLOR = 'red';
