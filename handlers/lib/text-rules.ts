/**
 * What a client's text may hold, shared by the create route's validation and the OpenAPI document's
 * `pattern`s (components/openapi.ts). Refused: C0 and C1 control characters and DEL (terminal escapes,
 * NUL), the bidirectional embeddings, overrides and isolates U+202A-U+202E and U+2066-U+2069 that make
 * text display in another order than it is stored (Trojan Source, CVE-2021-42574), and unpaired
 * surrogates (with the `u` flag a surrogate pair is one code point, so the range matches only a lone
 * half, which is no Unicode text); tab and newline are refused too, except in a multiline field.
 */
export const forbiddenCharacters = /[\0-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
export const lineBreaks = /[\t\n]/;
