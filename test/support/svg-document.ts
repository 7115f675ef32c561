import { XMLParser, XMLValidator } from "fast-xml-parser";

/** Elements an SVG holds several of, always parsed as arrays. */
const repeated = new Set(["g", "text", "circle", "line", "rect", "polygon", "polyline"]);

export type SvgElement = Record<string, string> & { [child: string]: SvgElement[] | string };

/** Parses an SVG document with a real XML parser; fails on anything not well-formed. */
export function parseSvg(text: string): SvgElement {
    const valid = XMLValidator.validate(text);
    if (valid !== true) throw new Error(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
    const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", textNodeName: "#text", parseTagValue: false, isArray: (name) => repeated.has(name) });
    return (parser.parse(text) as { svg: SvgElement }).svg;
}

export const children = (element: SvgElement, name: string) => (element[name] as SvgElement[] | undefined) ?? [];
/** Direct children named `name` with `class="<className>"`. */
export const ofClass = (element: SvgElement, name: string, className: string) => children(element, name).filter((e) => e.class === className);
/** An element's text content. */
export const textOf = (element: SvgElement) => element["#text"] as string;
