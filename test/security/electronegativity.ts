/**
 * The security gate: Electronegativity over the Electron shell and the renderer, failing on any
 * HIGH or MEDIUM finding. Electronegativity itself exits 0 whatever it finds, so the verdict is
 * counted here. Prints findings for people, then one `SECURITY_SUMMARY` line for the CI
 * aggregator, which counts the gate as a single test.
 *
 * Run: npx tsx test/security/electronegativity.ts
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { z } from 'zod';

const root = resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/**
 * What the app ships and the scanner understands. Tests and build output stay out: a test double
 * would be flagged as the app, and out/ repeats the sources. package.json gives the Electron version.
 */
const SCANNED = ['electron', 'renderer/index.html', 'renderer/src', 'package.json'];
const FAILING = new Set(['HIGH', 'MEDIUM']);
const SARIF_PATH = join(root, 'test-results/electronegativity.sarif');

const findingSchema = z.object({
  id: z.string(),
  severity: z.enum(['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL']),
  confidence: z.string(),
  manualReview: z.boolean(),
  file: z.string(),
  line: z.number(),
  column: z.number(),
  description: z.string(),
});
const reportSchema = z.object({
  findings: z.array(findingSchema),
  errors: z.array(z.object({ file: z.string(), message: z.string(), tolerable: z.boolean() })),
});
type Finding = z.infer<typeof findingSchema>;

function packageVersion(name: string): string {
  const manifest: unknown = JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8'));
  return z.object({ version: z.string() }).parse(manifest).version;
}

/** The scanner takes one input folder, so the scanned paths are copied into one, keeping their layout. */
function stageSources(stage: string): string[] {
  const staged: string[] = [];
  for (const path of SCANNED) {
    const source = join(root, path);
    if (!existsSync(source)) continue;
    cpSync(source, join(stage, path), { recursive: true, filter: (file) => !file.includes('node_modules') });
    staged.push(path);
  }
  return staged;
}

function describeFinding(finding: Finding): string {
  const where = finding.file === 'N/A' ? 'whole app' : `${finding.file}:${finding.line}:${finding.column}`;
  const review = finding.manualReview ? ' [review]' : '';
  return `  ${finding.severity.padEnd(13)} ${finding.id} at ${where}${review}\n                ${finding.description}`;
}

/** Scans and prints; true when the gate passes. */
function runGate(): boolean {
  const stage = mkdtempSync(join(tmpdir(), 'vigil-electronegativity-'));
  try {
    const staged = stageSources(stage);
    const electronVersion = packageVersion('electron');
    const jsonPath = join(stage, '.findings.json');
    mkdirSync(join(root, 'test-results'), { recursive: true });
    console.log(
      `electronegativity ${packageVersion('@doyensec/electronegativity')} (Electron ${electronVersion}) over ${staged.join(', ')}`,
    );

    const scan = spawnSync(
      process.execPath,
      [join(import.meta.dirname, 'electronegativity-runner.cjs'), stage, SARIF_PATH, electronVersion, jsonPath],
      { encoding: 'utf8' },
    );
    if (scan.status !== 0 || !existsSync(jsonPath)) {
      console.log('electronegativity did not complete:');
      console.log(`${scan.stdout}${scan.stderr}`.trim());
      return false;
    }
    const { findings, errors } = reportSchema.parse(JSON.parse(readFileSync(jsonPath, 'utf8')));

    // A file the scanner could not parse is a file it did not check: that fails the gate too.
    const unparsed = errors.filter((error) => !error.tolerable);
    for (const error of errors)
      console.log(`  ${error.tolerable ? 'WARNING' : 'NOT SCANNED'}   ${error.file}: ${error.message}`);

    const count = (severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;
    for (const finding of findings) console.log(describeFinding(finding));
    console.log(`SARIF report: ${relative(root, SARIF_PATH)} (its levels carry no severity; the counts below do)`);
    console.log(`electronegativity: ${count('HIGH')} high, ${count('MEDIUM')} medium, ${count('LOW')} low`);
    if (unparsed.length > 0) console.log(`electronegativity: ${unparsed.length} file(s) could not be scanned`);
    return unparsed.length === 0 && !findings.some((f) => FAILING.has(f.severity));
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

const passed = runGate();
console.log(`SECURITY_SUMMARY passed=${passed ? 1 : 0} failed=${passed ? 0 : 1}`);
process.exitCode = passed ? 0 : 1;
