/**
 * A site the clinician can enable: scheme and host, no port (browser match patterns ignore ports,
 * so enabling one port of a host enables them all, and we say so by not pretending otherwise).
 */
export interface Site {
  /** `https://ehr.example.org` */
  origin: string;
  /** `https://ehr.example.org/*`, for permissions and content-script matches. */
  pattern: string;
}

/** The site of a page, or undefined for pages no content script may run on (browser pages, files, plain http elsewhere). */
export function siteOfUrl(url: string | undefined): Site | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const loopback = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) return undefined;
  const origin = `${parsed.protocol}//${parsed.hostname}`;
  return { origin, pattern: `${origin}/*` };
}

export function siteOfOrigin(origin: string): Site | undefined {
  return siteOfUrl(`${origin}/`);
}
