// A scenario file carried in a link (issue 17 item 4), for a teacher who would rather share a link
// than a file: the file's JSON, minified, compressed (deflate-raw, the platform's CompressionStream,
// in every current browser and in Node) and written in base64url, the alphabet the class link and
// replay codes use, after `#scenario=`. In the fragment, the file never reaches a server (no server
// log, no request-line limit); the game reads it, then checks it like any scenario file.
//
// Length: a shipped scenario comes to 13–17 thousand characters. Browsers take far longer
// addresses (Chrome 2 MB, Firefox and Safari more than 64 K), but mail and chat programs, LMS
// text fields and QR codes do not, so a link longer than MAX_SCENARIO_LINK_LENGTH is not made: the
// teacher is told to share the file instead.
import { fromBase64url, toBase64url, utf8Decode, utf8Encode } from '../encoding/base64url';

export const SCENARIO_LINK_PARAM = 'scenario';
/** The longest link made or read, whole address included. */
export const MAX_SCENARIO_LINK_LENGTH = 20_000;
/** A scenario's JSON inflated from a link larger than this is refused (the largest file allowed). */
const MAX_INFLATED = 512 * 1024;

async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream, limit = Infinity): Promise<Uint8Array> {
  const reader = new Blob([bytes as BlobPart]).stream().pipeThrough(stream).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > limit) {
      await reader.cancel();
      throw new RangeError('too large');
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export type MadeScenarioLink = { ok: true; link: string; length: number } | { ok: false; length: number; max: number };

/**
 * The link that opens the game at `baseUrl` (query and hash dropped) with this scenario file:
 * `…/#scenario=<base64url deflate-raw of the minified JSON>`. Not made (ok: false, with the length
 * it would have) when longer than MAX_SCENARIO_LINK_LENGTH. Throws a SyntaxError on text that is not JSON.
 */
export async function makeScenarioLink(baseUrl: string, fileText: string): Promise<MadeScenarioLink> {
  const minified = JSON.stringify(JSON.parse(fileText));
  const packed = toBase64url(await through(utf8Encode(minified), new CompressionStream('deflate-raw')));
  const link = `${baseUrl.split(/[?#]/)[0]}#${SCENARIO_LINK_PARAM}=${packed}`;
  return link.length > MAX_SCENARIO_LINK_LENGTH ? { ok: false, length: link.length, max: MAX_SCENARIO_LINK_LENGTH } : { ok: true, link, length: link.length };
}

/** The packed scenario in an address's fragment (`#scenario=…`), or null when it has none. */
export function scenarioLinkValue(href: string): string | null {
  const hash = href.indexOf('#');
  if (hash < 0) return null;
  const value = new URLSearchParams(href.slice(hash + 1)).get(SCENARIO_LINK_PARAM);
  return value === null ? null : value;
}

/** The scenario file's text from a link's packed value; null when it cannot be read (damaged, cut short, too long). */
export async function readScenarioLinkValue(value: string): Promise<string | null> {
  if (value.length > MAX_SCENARIO_LINK_LENGTH) return null;
  const bytes = fromBase64url(value.trim());
  if (!bytes || !bytes.length) return null;
  try {
    return utf8Decode(await through(bytes, new DecompressionStream('deflate-raw'), MAX_INFLATED));
  } catch {
    return null;
  }
}
