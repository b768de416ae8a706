// Safe DOM construction: every piece of host data becomes a text node or a whitelisted attribute, never markup.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Attributes that can neither run script nor load a resource; anything else is refused. */
const SAFE_ATTRIBUTE =
  /^(class|id|role|tabindex|title|lang|dir|hidden|for|type|name|value|min|max|step|disabled|selected|checked|open|heading|description|variant|secondary|scope|colspan|rowspan|data-[a-z-]+|aria-[a-z]+|viewBox|width|height|x|y|x1|x2|y1|y2|cx|cy|r|rx|d|points|fill|stroke|stroke-width|stroke-dasharray|fill-opacity|opacity|text-anchor|dominant-baseline|transform|preserveAspectRatio|focusable|vector-effect|shape-rendering|font-size)$/;

export type Attrs = Record<string, string | number | boolean | null | undefined>;

function applyAttrs(node: Element, attrs: Attrs | undefined): void {
  if (!attrs) return;
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    setSafeAttribute(node, name, value === true ? '' : String(value));
  }
}

/** Sets an attribute only when its name is on the safe list (no on*, href, src, style, srcdoc …). */
export function setSafeAttribute(node: Element, name: string, value: string): void {
  if (!SAFE_ATTRIBUTE.test(name)) throw new Error(`refusing to set unsafe attribute ${name}`);
  node.setAttribute(name, value);
}

/** Creates an HTML element; `children` strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs?: Attrs,
  ...children: (Node | string | null | undefined)[]
): HTMLElementTagNameMap[K];
export function el(tag: string, attrs?: Attrs, ...children: (Node | string | null | undefined)[]): HTMLElement;
export function el(tag: string, attrs?: Attrs, ...children: (Node | string | null | undefined)[]): HTMLElement {
  const node = document.createElement(tag);
  applyAttrs(node, attrs);
  append(node, children);
  return node;
}

/** Creates an SVG element. */
export function svg(tag: string, attrs?: Attrs, ...children: (Node | string | null | undefined)[]): SVGElement {
  const node = document.createElementNS(SVG_NS, tag) as SVGElement;
  applyAttrs(node, attrs);
  append(node, children);
  return node;
}

function append(node: Node, children: (Node | string | null | undefined)[]): void {
  for (const child of children) {
    if (child === null || child === undefined) continue;
    node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** Replaces all children of a node. */
export function replaceChildren(node: Element, ...children: (Node | string | null | undefined)[]): void {
  node.replaceChildren();
  append(node, children);
}
