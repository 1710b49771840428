#!/usr/bin/env node
// Offline fix for Evidence 40.1.8 pinned to @duckdb/duckdb-wasm 1.28.0.
//
// duckdb-wasm >= 1.29 no longer bundles the parquet reader and downloads the
// `parquet` extension from extensions.duckdb.org on first use; offline this
// hangs `evidence sources` and breaks every page in the browser. package.json
// therefore overrides @duckdb/duckdb-wasm to 1.28.0, whose older engine rejects
// two settings Evidence's universal-sql issues at start-up:
//     SET ieee_floating_point_ops = false;
//     SET old_implicit_casting = true;
// This script wraps each of those statements in try/catch so an unknown
// setting is tolerated. It runs from the root `postinstall` (npm install / npm ci).
//
// Idempotent: a file that is already patched is left alone. Fails loudly
// (exit 1, naming file and text) if the expected text is missing and the file
// is not already patched - e.g. after an Evidence upgrade - so the problem is
// seen at install time rather than as a hung build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const nm = path.join(root, 'node_modules');
const MARKER = '/* bank-reports: tolerate unknown setting (duckdb-wasm 1.28) */';
const STATEMENTS = ['SET ieee_floating_point_ops = false;', 'SET old_implicit_casting = true;'];
const FILES = ['src/client-duckdb/node.js', 'src/client-duckdb/browser.js'];

function escapeRe(s) {
	return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// Every copy of @evidence-dev/universal-sql under node_modules (normally exactly one):
// walk node_modules/<pkg>/node_modules/... nesting, not package sources.
function findUniversalSqlCopies(nmDir, out = []) {
	const candidate = path.join(nmDir, '@evidence-dev', 'universal-sql');
	if (fs.existsSync(path.join(candidate, 'package.json'))) out.push(candidate);
	let entries;
	try {
		entries = fs.readdirSync(nmDir, { withFileTypes: true });
	} catch {
		return out;
	}
	for (const e of entries) {
		if (!e.isDirectory() || e.name.startsWith('.')) continue;
		const pkgDirs = e.name.startsWith('@')
			? fs.readdirSync(path.join(nmDir, e.name)).map((n) => path.join(nmDir, e.name, n))
			: [path.join(nmDir, e.name)];
		for (const pkgDir of pkgDirs) {
			const nested = path.join(pkgDir, 'node_modules');
			if (fs.existsSync(nested)) findUniversalSqlCopies(nested, out);
		}
	}
	return out;
}

function fail(msg) {
	console.error(`[patch-evidence] ERROR: ${msg}`);
	process.exit(1);
}

if (!fs.existsSync(nm)) fail(`no node_modules at ${nm}; run npm ci in ${root} first`);

const copies = [...new Set(findUniversalSqlCopies(nm))];
if (copies.length === 0) fail(`@evidence-dev/universal-sql not found under ${nm}`);

let changed = 0;
let already = 0;
for (const pkg of copies) {
	for (const rel of FILES) {
		const file = path.join(pkg, rel);
		if (!fs.existsSync(file)) fail(`expected file not found: ${file}`);
		let src = fs.readFileSync(file, 'utf8');
		let fileChanged = false;
		for (const stmt of STATEMENTS) {
			const patchedRe = new RegExp(
				`try\\s*\\{\\s*await connection\\.query\\('${escapeRe(stmt)}'\\);\\s*\\}\\s*catch`
			);
			const rawRe = new RegExp(`await connection\\.query\\('${escapeRe(stmt)}'\\);`, 'g');
			const rawCount = (src.match(rawRe) || []).length;
			const patchedCount = (src.match(new RegExp(patchedRe.source, 'g')) || []).length;
			if (rawCount === 0) {
				fail(
					`text to patch not found in ${file}: "await connection.query('${stmt}');" ` +
						`(Evidence/universal-sql changed? review scripts/patch-evidence.mjs)`
				);
			}
			if (patchedCount === rawCount) {
				already++;
				continue;
			}
			if (patchedCount !== 0) {
				fail(`${file} is partially patched for "${stmt}"; reinstall with: rm -rf node_modules && npm ci`);
			}
			src = src.replace(
				rawRe,
				`try { await connection.query('${stmt}'); } catch (e) { ${MARKER} }`
			);
			fileChanged = true;
			changed++;
		}
		if (fileChanged) fs.writeFileSync(file, src);
	}
}
console.log(
	`[patch-evidence] universal-sql copies: ${copies.length}; statements patched now: ${changed}, already patched: ${already}`
);
