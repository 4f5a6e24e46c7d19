// The part of jsdom the HTML importer (and the report's tests) use, typed without the DOM library. tsconfig.json maps 'jsdom' here: the
// package's own types pull the whole DOM into every Node file, where `document` must not type-check.

/** A DOM node as the importer reads it. */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeValue: string | null;
  readonly textContent: string | null;
  readonly childNodes: Iterable<DomNode>;
  cloneNode(deep: boolean): DomNode;
}

export interface DomElement extends DomNode {
  readonly tagName: string;
  readonly id: string;
  readonly nextElementSibling: DomElement | null;
  getAttribute(name: string): string | null;
  getAttributeNames(): string[];
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): Iterable<DomElement> & { readonly length: number };
}

export interface DomDocument extends DomNode {
  readonly documentElement: DomElement;
  readonly body: DomElement | null;
  readonly title: string;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): Iterable<DomElement> & { readonly length: number };
  getElementById(id: string): DomElement | null;
}

export interface DomParser {
  parseFromString(markup: string, type: 'text/html'): DomDocument;
}

export interface ConstructorOptions {
  contentType?: string;
  virtualConsole?: VirtualConsole;
}

export declare class VirtualConsole {}

export declare class JSDOM {
  constructor(html?: string, options?: ConstructorOptions);
  readonly window: {
    readonly document: DomDocument;
    readonly DOMParser: new () => DomParser;
    close(): void;
  };
}
