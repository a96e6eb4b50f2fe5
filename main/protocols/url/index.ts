/** URL anatomy: RFC 3986 split and resolution, WHATWG view, query table, IDN. */
export { analyzeUrl, type UrlAnatomy } from './analyze';
export { splitUri, splitAuthority, resolveReference, removeDotSegments, recompose, pathParams, type Rfc3986Parts } from './rfc3986';
export { whatwgView, differences, type WhatwgParts, type Rfc3986Field } from './whatwg';
export { parseQuery, buildQuery, setQuery, percentDecode, formDecode } from './query';
export { idnInfo, scriptsIn, type IdnInfo } from './idn';
