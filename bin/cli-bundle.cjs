// The precompiled command line: esbuild bundles src/cli/main.ts and everything it imports, the
// dependencies from node_modules included (yaml, js-yaml, commander, the kubernetes-models
// validators: no module resolution at start-up), into dist/cli.js, which starts in a fraction of
// the time of loading the TypeScript through tsx. `npm run build` writes it; `prepare` runs it on
// npm install/ci and before npm pack/publish, so the published package ships it.
//
// The bundle runs only when it is up to date with its inputs — the TypeScript files under src/
// other than *.test.ts, package.json, tsconfig.json (esbuild follows its compiler options; the
// package ships it too) and, in a checkout, the dependency versions (package-lock.json and npm's
// record of what node_modules holds, node_modules/.package-lock.json; an installed package has
// neither, and its bundle carries its dependencies): when none is newer than the bundle, or,
// since a package installed from a tarball has its files dated in extraction order, when their
// contents are still those it was built from (fingerprints on its first line). A stale or
// missing bundle is rebuilt when esbuild can write it; otherwise bin/kube-scenarios loads the
// TypeScript through tsx. Edited sources or changed dependencies never run as stale code.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const BUNDLE = path.join('dist', 'cli.js');
const HEADER = '// kube-scenarios CLI bundle, built from sources ';
/** Where a checkout records its dependency versions (an installed package has neither file). */
const DEPENDENCY_FILES = ['package-lock.json', path.join('node_modules', '.package-lock.json')];

/** The source files (esbuild's inputs: the TypeScript, package.json, tsconfig.json), in a fixed order. */
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

/** The dependency files there are. */
function dependencyFiles(root) {
  return DEPENDENCY_FILES.map((f) => path.join(root, f)).filter((f) => fs.existsSync(f));
}

/** A hash of the files' names and contents ('none' for no files). */
function fingerprint(root, files) {
  if (files.length === 0) return 'none';
  const hash = require('node:crypto').createHash('sha256'); // loaded only when the dates do not settle it
  for (const f of files) hash.update(`${path.relative(root, f)}\0`).update(fs.readFileSync(f)).update('\0');
  return hash.digest('hex');
}

/** The bundle's first line: the fingerprints of the sources and of the dependency files it was built from. */
function header(root) {
  return `${HEADER}${fingerprint(root, inputs(root))}, dependencies ${fingerprint(root, dependencyFiles(root))}`;
}

/** The fingerprints recorded on the bundle's first line. */
function recorded(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(HEADER.length + 2 * 64 + 20);
    const line = buf.toString('utf8', 0, fs.readSync(fd, buf, 0, buf.length, 0)).split('\n')[0];
    const m = /^, dependencies (\S+)$/.exec(line.slice(HEADER.length + 64));
    return line.startsWith(HEADER) && m ? { sources: line.slice(HEADER.length, HEADER.length + 64), dependencies: m[1] } : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** True when the bundle exists and is up to date with its inputs (see the header). */
function isFresh(root = ROOT) {
  const bundle = path.join(root, BUNDLE);
  let built;
  try { built = Math.floor(fs.statSync(bundle).mtimeMs); } catch { return false; }
  const files = inputs(root);
  const deps = dependencyFiles(root);
  // In whole milliseconds, as dates are set (build below dates the bundle a millisecond early).
  const newest = Math.max(...[...files, ...deps].map((f) => Math.floor(fs.statSync(f).mtimeMs)));
  if (newest <= built) return true;
  const r = recorded(bundle);
  if (!r || r.sources !== fingerprint(root, files)) return false;
  // Without dependency files (an installed package) the bundle's own dependencies are the ones it carries.
  if (deps.length > 0 && r.dependencies !== fingerprint(root, deps)) return false;
  // Same contents: date the bundle as its newest input so that the next run skips the hashing
  // (half a millisecond in: times are stored in nanoseconds from a float number of seconds).
  const at = (newest + 0.5) / 1000;
  try { fs.utimesSync(bundle, at, at); } catch { /* read-only: hash again next time */ }
  return true;
}

/**
 * Builds the bundle. Written to a temporary file and renamed (a concurrent run never reads half a
 * file), and dated just before the build started, so that a source saved during the build is newer.
 */
function build(root = ROOT) {
  const started = new Date(Date.now() - 1);
  const out = path.join(root, BUNDLE);
  const result = require('esbuild').buildSync({
    entryPoints: [path.join(root, 'src', 'cli', 'main.ts')],
    outfile: out,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    banner: { js: header(root) },
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
