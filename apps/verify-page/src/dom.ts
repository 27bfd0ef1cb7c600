/** Builds elements from text only: nothing from a dropped file is ever parsed as HTML. */
export function el(
  tag: string,
  attributes: Record<string, string> = {},
  ...children: (Node | string | null)[]
): HTMLElement {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) if (child !== null) node.append(child);
  return node;
}

/** A table whose cells carry their column name, so it reads as a list on a phone. */
export function table(
  caption: string,
  headings: string[],
  rows: (Node | string)[][],
  rowClass?: (i: number) => string,
): HTMLElement {
  return el(
    'table',
    {},
    el('caption', { class: 'hint' }, caption),
    el('thead', {}, el('tr', {}, ...headings.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...rows.map((cells, i) =>
        el(
          'tr',
          rowClass ? { class: rowClass(i) } : {},
          ...cells.map((cell, c) => el('td', { 'data-label': headings[c] }, cell)),
        ),
      ),
    ),
  );
}
