import { describe, expect, test } from 'vitest';
import { cellText, filterRows, fitWidths, scrollColumns, scrollRows, visibleColumns } from '../../src/tui/grid-layout.js';
import { defaultFolds, detailValue, treeLines, valueAt } from '../../src/tui/json-tree.js';
import { layoutFor } from '../../src/tui/layout.js';
import { fitText, textWidth, wrapLines } from '../../src/tui/text-width.js';

describe('grid geometry', () => {
  test('widths fit the content, capped', () => {
    expect(fitWidths(['a', 'name'], [[1, 'x'], [12345, null]])).toEqual([5, 4]);
    expect(fitWidths(['j'], [[{ k: 'v'.repeat(100) }]])).toEqual([40]);
    expect(cellText({ a: [1, null] })).toBe('{"a":[1,null]}');
    expect(cellText('two\nlines')).toBe('two⏎lines');
  });

  test('columns scroll to keep the selected one in view, and a clipped one fills the rest', () => {
    const w = [10, 10, 10, 10];
    expect(scrollColumns(w, 0, 1, 25)).toBe(0);
    expect(scrollColumns(w, 0, 3, 25)).toBe(2);
    expect(scrollColumns(w, 2, 0, 25)).toBe(0);
    expect(visibleColumns(w, 0, 25)).toEqual([
      { index: 0, width: 10, clipped: false },
      { index: 1, width: 10, clipped: false },
      { index: 2, width: 3, clipped: true },
    ]);
    expect(scrollRows(0, 12, 10)).toBe(3);
    expect(scrollRows(5, 2, 10)).toBe(2);
  });

  test('filter matches any cell, any case', () => {
    expect(filterRows([['GetObject', 1], ['PutObject', 2], ['x', { y: 'getobject' }]], 'getobj')).toEqual([0, 2]);
  });
});

describe('JSON tree', () => {
  const ev = { eventName: 'X', userIdentity: { type: 'IAMUser', sessionContext: { attributes: { mfa: 'false' } } }, resources: [{ arn: 'a' }] };

  test('deep nodes start folded; lines carry keys, commas and fold markers', () => {
    const folded = defaultFolds(ev);
    expect([...folded]).toEqual(['/userIdentity/sessionContext/attributes']);
    const lines = treeLines(ev, folded).map((l) => `${'  '.repeat(l.depth)}${l.key ?? ''}${l.text}${l.comma ? ',' : ''}`);
    expect(lines).toEqual([
      '{',
      '  "eventName": "X",',
      '  "userIdentity": {',
      '    "type": "IAMUser",',
      '    "sessionContext": {',
      '      "attributes": {… 1 key}',
      '    }',
      '  },',
      '  "resources": [',
      '    {',
      '      "arn": "a"',
      '    }',
      '  ]',
      '}',
    ]);
    expect(valueAt(ev, '/resources/0/arn')).toBe('a');
  });

  test('detail value: eventJson when the result has it, else the row', () => {
    expect(detailValue([{ name: 'n' }, { name: 'eventJson' }], [1, '{"a":1}'])).toEqual({ a: 1 });
    expect(detailValue([{ name: 'n' }, { name: 'n' }], [1, 2])).toEqual({ n: 1, n_2: 2 });
  });
});

describe('layout and text', () => {
  test('80x24 stacks the panes; wide terminals put the detail beside the results', () => {
    const a = layoutFor({ columns: 80, rows: 24 });
    expect(a.detailBeside).toBe(false);
    expect(a.sidebar.width + 1 + a.main.width).toBe(80);
    expect(a.editor.height + a.results.height + a.detail.height).toBe(a.rows - 1);
    const b = layoutFor({ columns: 200, rows: 50 });
    expect(b.detailBeside).toBe(true);
    expect(b.results.width + 1 + b.detail.width).toBe(b.main.width);
  });

  test('cell widths', () => {
    expect(textWidth('日本')).toBe(4);
    expect(fitText('abcdef', 4)).toBe('abc…');
    expect(fitText('ab', 4)).toBe('ab  ');
    expect(wrapLines('one two three', 7)).toEqual(['one two', 'three']);
  });
});
