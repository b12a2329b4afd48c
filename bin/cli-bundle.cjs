// The precompiled command line: esbuild bundles src/cli/main.ts and everything it imports (not
// node_modules) into dist/cli.js, which starts in about a third of the time of loading the
// TypeScript through tsx. `npm run build` writes it; `prepare` runs it on npm install/ci and
// before npm pack/publish, so the published package ships it.
//
// The bundle runs only when it is up to date with its inputs — the TypeScript files under src/
// other than *.test.ts, package.json, and tsconfig.json (esbuild follows its compiler options;
// the package ships it too): when none is newer than the bundle, or, since a package installed
// from a tarball has its files dated in extraction order, when their contents are still those it
// was built from (a fingerprint on its first line). A stale or missing bundle is rebuilt when
// esbuild can write it; otherwise bin/kube-scenarios loads the TypeScript through tsx. Edited
// sources never run as stale code.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join('dist', 'cli.js');
const HEADER = '// kube-scenarios CLI bundle, built from sources ';

/** The input files, in a fixed order. */
function inputs(root) {
  const out = [];
  const visit = (p) => {
    if (fs.statSync(p).isDirectory()) for (const e of fs.readdirSync(p).sort()) visit(path.join(p, e));
    else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) out.push(p);
  };
  visit(path.join(root, 'src'));
  for (const f of ['package.json', 'tsconfig.json']) if (fs.existsSync(path.join(root, f))) out.push(path.join(root, f));
  return out;
}

/** A hash of the inputs' names and contents. */
function fingerprint(root, files) {
  const hash = crypto.createHash('sha256');
  for (const f of files) hash.update(`${path.relative(root, f)}\0`).update(fs.readFileSync(f)).update('\0');
  return hash.digest('hex');
}

/** The fingerprint recorded on the bundle's first line. */
function recorded(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEADER.length + 64);
    const text = buf.toString('utf8', 0, fs.readSync(fd, buf, 0, buf.length, 0));
    return text.startsWith(HEADER) ? text.slice(HEADER.length) : '';
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the bundle exists and is up to date with its inputs (see the header). */
function isFresh(root = ROOT) {
  const bundle = path.join(root, BUNDLE);
  let built;
  try { built = fs.statSync(bundle).mtimeMs; } catch { return false; }
  const files = inputs(root);
  const newest = Math.max(...files.map((f) => fs.statSync(f).mtimeMs));
  if (newest <= built) return true;
  if (recorded(bundle) !== fingerprint(root, files)) return false;
  // Same contents: date the bundle as its newest input so that the next run skips the hashing.
  try { fs.utimesSync(bundle, new Date(newest), new Date(newest)); } catch { /* read-only: hash again next time */ }
  return true;
}

/**
 * Builds the bundle. Written to a temporary file and renamed (a concurrent run never reads half a
 * file), and dated when the build started, so that a source saved during the build is newer.
 */
function build(root = ROOT) {
  const started = new Date();
  const out = path.join(root, BUNDLE);
  const result = require('esbuild').buildSync({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    packages: 'external',
    banner: { js: HEADER + fingerprint(root, inputs(root)) },
    write: false,
    logLevel: 'silent',
  });
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, result.outputFiles[0].contents);
    fs.utimesSync(tmp, started, started);
    fs.renameSync(tmp, out);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
  return out;
}

/** The bundle to run — up to date, or rebuilt now — or null when the sources must run through tsx. */
function cliBundle(root = ROOT) {
  if (isFresh(root)) return path.join(root, BUNDLE);
  try { return build(root); } catch { return null; }
}

module.exports = { BUNDLE, isFresh, build, cliBundle };

if (require.main === module) build();
