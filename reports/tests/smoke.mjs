#!/usr/bin/env node
// Headless-browser smoke test of the built Evidence site (reports/build).
//
// Serves the build on 127.0.0.1 (random free port) with its own tiny static
// server, opens every page in headless Chromium (playwright-core, no browser
// download: uses /usr/bin/chromium or $CHROMIUM_PATH), waits for KPIs, charts
// and tables to render, and writes a JSON report. Requests to any host other
// than 127.0.0.1/localhost are recorded and aborted.
//
// Usage:
//   node tests/smoke.mjs [--build DIR] [--out FILE.json] [--screenshots DIR]
//                        [--page /path]... [--include /path]... [--max-per-template N]
//                        [--timeout MS] [--strict]
// Defaults: --build <reports>/build, --out <reports>/smoke-report.json,
//           --screenshots <reports>/screenshots, pages = every page in the build,
//           except that of the pages a templated page generates (a path segment
//           of digits, e.g. /customers/100072/) only the first --max-per-template
//           (default 3) in order are opened, plus any --include. --page replaces
//           the discovery with exactly the pages given.
// Exit: 0 when the report was written (findings are judged by the caller, e.g.
// tests/python/test_report_site.py); with --strict, 3 if anything looks wrong;
// 1 on a crash (no browser, no build, ...).
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const REPORTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
	const a = {
		build: path.join(REPORTS_DIR, 'build'),
		out: path.join(REPORTS_DIR, 'smoke-report.json'),
		screenshots: path.join(REPORTS_DIR, 'screenshots'),
		pages: [],
		include: [],
		maxPerTemplate: 3,
		timeout: 60000,
		strict: false
	};
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		const next = () => {
			if (i + 1 >= argv.length) throw new Error(`missing value for ${k}`);
			return argv[++i];
		};
		if (k === '--build') a.build = path.resolve(next());
		else if (k === '--out') a.out = path.resolve(next());
		else if (k === '--screenshots') a.screenshots = path.resolve(next());
		else if (k === '--page') a.pages.push(next());
		else if (k === '--include') a.include.push(next());
		else if (k === '--max-per-template') a.maxPerTemplate = Number(next());
		else if (k === '--timeout') a.timeout = Number(next());
		else if (k === '--strict') a.strict = true;
		else if (k === '-h' || k === '--help') {
			console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\nimport')[0]);
			process.exit(0);
		} else throw new Error(`unknown argument: ${k}`);
	}
	return a;
}

const MIME = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.wasm': 'application/wasm',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.ico': 'image/x-icon',
	'.webmanifest': 'application/manifest+json',
	'.woff': 'font/woff',
	'.woff2': 'font/woff2',
	'.arrow': 'application/vnd.apache.arrow.file',
	'.parquet': 'application/octet-stream',
	'.txt': 'text/plain; charset=utf-8'
};

// Resolve a URL path the way a static host serving a SvelteKit adapter-static
// build does: exact file, then <path>.html, then <path>/index.html.
function resolveFile(root, urlPath) {
	let p;
	try {
		p = decodeURIComponent(urlPath);
	} catch {
		return null;
	}
	const abs = path.resolve(root, '.' + path.posix.normalize('/' + p));
	if (abs !== root && !abs.startsWith(root + path.sep)) return null; // path traversal
	const candidates = [abs, abs.replace(/\/$/, '') + '.html', path.join(abs, 'index.html')];
	for (const c of candidates) {
		try {
			if (fs.statSync(c).isFile()) return c;
		} catch {
			/* try next */
		}
	}
	return null;
}

function startServer(root) {
	const server = http.createServer((req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const file = resolveFile(root, url.pathname);
		if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
			res.writeHead(file ? 405 : 404, { 'content-type': 'text/plain' });
			res.end(file ? 'method not allowed' : 'not found');
			return;
		}
		const size = fs.statSync(file).size;
		const headers = {
			'content-type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
			'accept-ranges': 'bytes',
			'cache-control': 'no-cache'
		};
		const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
		let start = 0;
		let end = size - 1;
		let status = 200;
		if (range && size > 0) {
			if (range[1] === '') {
				start = Math.max(0, size - Number(range[2]));
			} else {
				start = Number(range[1]);
				if (range[2] !== '') end = Math.min(Number(range[2]), size - 1);
			}
			if (start > end || start >= size) {
				res.writeHead(416, { 'content-range': `bytes */${size}` });
				res.end();
				return;
			}
			status = 206;
			headers['content-range'] = `bytes ${start}-${end}/${size}`;
		}
		headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
		res.writeHead(status, headers);
		if (req.method === 'HEAD' || size === 0) return res.end();
		fs.createReadStream(file, { start, end }).pipe(res);
	});
	return new Promise((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve(server));
	});
}

// Every page in the build: index.html -> '/', a/index.html -> '/a/', a.html -> '/a'.
function discoverPages(root) {
	const skip = new Set(['_app', 'api', 'data']);
	const out = [];
	const walk = (dir, rel) => {
		for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
			if (rel === '' && skip.has(e.name)) continue;
			const r = rel ? `${rel}/${e.name}` : e.name;
			if (e.isDirectory()) walk(path.join(dir, e.name), r);
			else if (e.name.endsWith('.html')) {
				if (e.name === 'index.html') out.push('/' + (rel ? rel + '/' : ''));
				else out.push('/' + r.replace(/\.html$/, ''));
			}
		}
	};
	walk(root, '');
	return out.sort((x, y) => (x === '/' ? -1 : y === '/' ? 1 : x.localeCompare(y)));
}

// The pages of one templated page (e.g. /customers/[customer_id]) differ only
// in a segment of digits: keep the first `max` of each, plus `include`.
function samplePages(pages, max, include) {
	const seen = new Map();
	const out = [];
	for (const p of pages) {
		const template = p.replace(/\/\d+(?=\/|$)/g, '/*');
		if (template === p || include.includes(p)) {
			out.push(p);
			continue;
		}
		const n = seen.get(template) ?? 0;
		if (n < max) out.push(p);
		seen.set(template, n + 1);
	}
	for (const p of include) if (!out.includes(p)) out.push(p);
	return out;
}

function isLocal(u) {
	try {
		const url = new URL(u);
		if (url.protocol === 'data:' || url.protocol === 'blob:' || url.protocol === 'about:') return true;
		return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
	} catch {
		return false;
	}
}

// Runs in the page: true once nothing is still loading and every KPI, chart
// and table has content (or the caller's timeout expires). A chart counts as
// drawn once its canvas holds coloured (data) pixels, not just grey axes.
function renderedInPage() {
	const visible = (el) => !el.closest('dialog:not([open])');
	if ([...document.querySelectorAll('.animate-pulse')].some(visible)) return false;
	for (const k of document.querySelectorAll('[data-testid^="kpi-"]')) {
		const v = k.querySelector('.kpi-value') ?? k;
		if (!v.textContent.trim()) return false;
	}
	for (const c of [...document.querySelectorAll('[_echarts_instance_]')].filter(visible)) {
		const g = c.querySelector('canvas, svg');
		if (!g) return false;
		const r = g.getBoundingClientRect();
		if (r.width === 0 || r.height === 0) return false;
		if (g.tagName.toLowerCase() === 'canvas') {
			try {
				const d = g.getContext('2d').getImageData(0, 0, g.width, g.height).data;
				let coloured = false;
				for (let i = 0; i < d.length; i += 16) {
					if (d[i + 3] > 0 && Math.max(d[i], d[i + 1], d[i + 2]) - Math.min(d[i], d[i + 1], d[i + 2]) > 40) {
						coloured = true;
						break;
					}
				}
				if (!coloured) return false;
			} catch {
				/* unreadable canvas: judged in collectInPage */
			}
		}
	}
	// Svelte builds tables in JS: body rows are <tr> with <td> (often without <tbody>)
	for (const t of [...document.querySelectorAll('.table-container table')].filter(visible)) {
		if (![...t.querySelectorAll('tr')].some((tr) => !tr.closest('thead') && tr.querySelector('td')))
			return false;
	}
	return true;
}

// Runs in the page: collect what the report needs.
function collectInPage() {
	const visible = (el) => !el.closest('dialog:not([open])');
	const hook = (el) => el.closest('[data-testid]')?.getAttribute('data-testid') ?? null;
	// Evidence stamps its own data-testid (DataTable-<query>) on a table: prefer
	// the page's table-... wrapper, so tests can name the tables they check
	const tableHook = (el) =>
		el.closest('[data-testid^="table-"]')?.getAttribute('data-testid') ?? hook(el);
	const text = (el) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();

	const kpis = [...document.querySelectorAll('[data-testid^="kpi-"]')].map((k) => {
		const valueEl = k.querySelector('.kpi-value');
		return {
			testid: k.getAttribute('data-testid'),
			title: text(k.querySelector('p')),
			value_text: text(valueEl ?? k)
		};
	});

	const charts = [...document.querySelectorAll('[_echarts_instance_]')].filter(visible).map((c) => {
		const g = c.querySelector('canvas, svg');
		const r = g ? g.getBoundingClientRect() : { width: 0, height: 0 };
		let painted = null;
		// coloured pixels (or shapes) = the data: axes, grid lines and labels are grey
		let data = null;
		const chroma = (r, g2, b) => Math.max(r, g2, b) - Math.min(r, g2, b);
		if (g && g.tagName.toLowerCase() === 'canvas') {
			try {
				const ctx = g.getContext('2d');
				const d = ctx.getImageData(0, 0, g.width, g.height).data;
				let n = 0;
				let m = 0;
				for (let i = 0; i < d.length; i += 4) {
					if (d[i + 3] === 0) continue;
					n++;
					if (chroma(d[i], d[i + 1], d[i + 2]) > 40) m++;
				}
				painted = n;
				data = m;
			} catch {
				painted = null;
			}
		} else if (g) {
			const shapes = [...g.querySelectorAll('path, rect')];
			painted = shapes.length;
			data = shapes.filter((el) => {
				const m = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(getComputedStyle(el).fill || '');
				return m && chroma(+m[1], +m[2], +m[3]) > 40;
			}).length;
		}
		return {
			testid: hook(c),
			renderer: g ? g.tagName.toLowerCase() : null,
			width: Math.round(r.width),
			height: Math.round(r.height),
			painted_pixels_or_shapes: painted,
			data_pixels_or_shapes: data,
			title: text(c.closest('[data-testid]')?.querySelector('.font-bold, h4, .chart-title')),
			rendered:
				!!g && r.width > 0 && r.height > 0 && (painted === null || painted > 0) && (data === null || data > 0)
		};
	});

	const tables = [...document.querySelectorAll('table')].filter(visible).map((t) => {
		const rows = [...t.querySelectorAll('tr')].filter(
			(tr) => !tr.closest('thead') && tr.querySelector('td')
		);
		return {
			testid: tableHook(t),
			headers: [...t.querySelectorAll('thead th')].map(text).filter(Boolean),
			rows: rows.length,
			first_row: rows[0] ? [...rows[0].querySelectorAll('td')].map(text) : []
		};
	});

	// Evidence draws an empty dataset as a dashed placeholder instead of a
	// chart or table; a wrapper marked data-allow-empty may legitimately be
	// empty (e.g. "every test passed").
	const empty_panels = [...document.querySelectorAll('p.border-dashed, span.border-dashed')]
		.filter(visible)
		.map((el) => ({
			testid: hook(el),
			allowed: el.closest('[data-allow-empty]') !== null,
			text: text(el)
		}));

	// Evidence shows query/component failures inline instead of throwing.
	const inline_errors = [
		...document.querySelectorAll('[class*="error" i], [class*="negative"]')
	]
		.filter(visible)
		.map(text)
		.filter((t) => /error/i.test(t))
		.slice(0, 20);

	return {
		title: document.title,
		h1: text(document.querySelector('h1')),
		kpis,
		charts,
		tables,
		empty_panels,
		inline_errors
	};
}

async function checkPage(context, baseUrl, pagePath, screenshotsDir, timeout) {
	const page = await context.newPage();
	const result = {
		path: pagePath,
		url: new URL(pagePath, baseUrl).href,
		http_status: null,
		console_errors: [],
		page_errors: [],
		failed_requests: [],
		aborted_requests: [],
		http_errors: [],
		external_requests: [],
		render_timed_out: false
	};
	page.on('console', (m) => {
		if (m.type() === 'error') result.console_errors.push(m.text());
	});
	page.on('pageerror', (e) => result.page_errors.push(String(e?.stack ?? e)));
	page.on('requestfailed', (r) => {
		if (!isLocal(r.url())) return; // external ones are recorded (and blocked) separately
		const entry = { url: r.url(), error: r.failure()?.errorText ?? null };
		// net::ERR_ABORTED = the page itself cancelled the fetch (Evidence drops
		// prerendered-query fetches once live data is there): informational only.
		if (entry.error === 'net::ERR_ABORTED') result.aborted_requests.push(entry);
		else result.failed_requests.push(entry);
	});
	page.on('response', (r) => {
		if (r.status() >= 400) result.http_errors.push({ url: r.url(), status: r.status() });
	});

	const started = Date.now();
	const resp = await page.goto(result.url, { waitUntil: 'load', timeout });
	result.http_status = resp?.status() ?? null;
	await page.waitForLoadState('networkidle', { timeout }).catch(() => {});
	try {
		await page.waitForFunction(renderedInPage, undefined, { timeout, polling: 250 });
		// let echarts finish its entry animation before the screenshot
		await page.waitForTimeout(1500);
	} catch {
		result.render_timed_out = true;
	}
	result.render_ms = Date.now() - started;
	Object.assign(result, await page.evaluate(collectInPage));

	const slug = pagePath.replace(/^\/+|\/+$/g, '').replace(/[^a-zA-Z0-9_-]+/g, '_') || 'index';
	result.screenshot = path.join(screenshotsDir, `${slug}.png`);
	await page.screenshot({ path: result.screenshot, fullPage: true });
	await page.close();
	return result;
}

function problemsOf(p) {
	const out = [];
	if (p.http_status !== 200) out.push(`HTTP ${p.http_status}`);
	if (p.console_errors.length) out.push(`${p.console_errors.length} console error(s)`);
	if (p.page_errors.length) out.push(`${p.page_errors.length} page error(s)`);
	if (p.failed_requests.length) out.push(`${p.failed_requests.length} failed request(s)`);
	if (p.http_errors.length) out.push(`${p.http_errors.length} HTTP error response(s)`);
	if (p.external_requests.length) out.push(`${p.external_requests.length} external request(s)`);
	if (p.render_timed_out) out.push('render timed out');
	if (p.inline_errors.length) out.push('inline error(s) on page');
	for (const c of p.charts) if (!c.rendered) out.push(`chart ${c.testid ?? '?'} not rendered`);
	for (const t of p.tables) if (t.rows === 0) out.push(`table ${t.testid ?? '?'} has no rows`);
	for (const e of p.empty_panels)
		if (!e.allowed) out.push(`empty panel ${e.testid ?? '?'} (${e.text})`);
	for (const k of p.kpis) if (!k.value_text || k.value_text === '-') out.push(`KPI ${k.testid} is empty`);
	if (!p.h1) out.push('no page title (h1)');
	return out;
}

async function main() {
	const args = parseArgs(process.argv.slice(2));
	if (!fs.existsSync(path.join(args.build, 'index.html'))) {
		throw new Error(`no built site at ${args.build} (index.html missing); build it with reports/scripts/build.sh`);
	}
	const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
	if (!fs.existsSync(executablePath)) {
		throw new Error(`Chromium not found at ${executablePath} (apt-get install -y chromium, or set CHROMIUM_PATH)`);
	}
	fs.mkdirSync(args.screenshots, { recursive: true });
	fs.mkdirSync(path.dirname(args.out), { recursive: true });
	const pages = args.pages.length
		? args.pages
		: samplePages(discoverPages(args.build), args.maxPerTemplate, args.include);
	if (!pages.length) throw new Error(`no pages found in ${args.build}`);

	const server = await startServer(args.build);
	const baseUrl = `http://127.0.0.1:${server.address().port}/`;
	const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bank-reports-chromium-'));
	let context;
	try {
		context = await chromium.launchPersistentContext(userDataDir, {
			executablePath,
			headless: true,
			viewport: { width: 1280, height: 900 },
			serviceWorkers: 'block', // so that every request goes through the router below
			args: [
				'--headless',
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				// belt and braces: nothing but loopback can even resolve
				'--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'
			]
		});
		const external = [];
		await context.route('**/*', (route) => {
			const u = route.request().url();
			if (isLocal(u)) return route.continue();
			external.push(u);
			return route.abort('blockedbyclient');
		});
		// also record non-local requests that bypass routing (e.g. from workers)
		context.on('request', (r) => {
			if (!isLocal(r.url()) && !external.includes(r.url())) external.push(r.url());
		});

		const results = [];
		for (const p of pages) {
			const before = external.length;
			const r = await checkPage(context, baseUrl, p, args.screenshots, args.timeout);
			r.external_requests = [...new Set(external.slice(before))];
			r.problems = problemsOf(r);
			results.push(r);
			console.log(
				`[smoke] ${p}: ${r.kpis.length} KPI(s) ${JSON.stringify(r.kpis.map((k) => k.value_text))}, ` +
					`${r.charts.filter((c) => c.rendered).length}/${r.charts.length} chart(s) rendered, ` +
					`table rows ${JSON.stringify(r.tables.map((t) => t.rows))}, ` +
					`${r.problems.length ? 'PROBLEMS: ' + r.problems.join('; ') : 'ok'} (${r.render_ms} ms)`
			);
		}
		const report = {
			generated_at: new Date().toISOString(),
			base_url: baseUrl,
			build_dir: args.build,
			chromium: executablePath,
			browser_version: context.browser()?.version() ?? null,
			pages: results,
			ok: results.every((r) => r.problems.length === 0)
		};
		fs.writeFileSync(args.out, JSON.stringify(report, null, 2) + '\n');
		console.log(`[smoke] report: ${args.out}; screenshots: ${args.screenshots}`);
		if (args.strict && !report.ok) process.exitCode = 3;
	} finally {
		await context?.close().catch(() => {});
		server.close();
		fs.rmSync(userDataDir, { recursive: true, force: true });
	}
}

main().catch((e) => {
	console.error(`[smoke] FAILED: ${e?.stack ?? e}`);
	process.exit(1);
});
