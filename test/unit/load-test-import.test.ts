import type { AnalyseLoadTestOptions, LoadTestAnalysis } from '@shared/domain/load-test';
import { loadTestAnalysisSchema } from '@shared/domain/load-test';
import { afterAll, describe, expect, it } from 'vitest';
import { isFailure } from '../../electron/core/errors';
import { analyseLoadTestFileHere, previewLoadTestFile } from '../../electron/core/loadtest';
import {
  GOLDEN_START_MS,
  gb18030Bytes,
  goldenJtlRows,
  httpRow,
  JTL_COLUMNS,
  jtlCsv,
  scratchDir,
} from '../fixtures/load-test-files';

const scratch = scratchDir();
afterAll(() => scratch.remove());

async function analyse(
  name: string,
  content: string | Uint8Array,
  options: AnalyseLoadTestOptions,
): Promise<LoadTestAnalysis> {
  const analysis = await analyseLoadTestFileHere(scratch.file(name, content), name, options);
  return loadTestAnalysisSchema.parse(analysis);
}

/** The consultant-facing failure of an import, or a test failure when it did not fail. */
async function importFailure(name: string, content: string | Uint8Array, options: AnalyseLoadTestOptions) {
  try {
    await analyseLoadTestFileHere(scratch.file(name, content), name, options);
  } catch (error) {
    if (isFailure(error)) return error.appError;
    throw error;
  }
  throw new Error(`${name} was imported`);
}

const jmeterCsv = { format: 'jmeterCsv' } as const;
const T0 = GOLDEN_START_MS;

describe('JMeter CSV', () => {
  it('gives the figures the JMeter dashboard gives for the golden JTL (computed independently)', async () => {
    const analysis = await analyse('golden.jtl', jtlCsv(goldenJtlRows()), jmeterCsv);
    expect(analysis.percentileMethod).toBe('jmeter');
    const figures = Object.fromEntries([
      ['Total', analysis.overall],
      ...analysis.labels.map((l) => [l.label, l] as const),
    ]);
    // commons-math3 legacy percentiles, mean, min, max and count / (last end - first start), per label and
    // for the total without the Transaction Controller, from a separate implementation of JMeter's method.
    const expected = {
      'Checkout "express"': [79, 3, 454.55696202531647, 20, 1519, 333, 1128, 1293, 1519, 1.9587424377665377],
      Login: [118, 8, 439.50847457627117, 20, 1511, 314, 1142.1, 1414.4, 1510.05, 2.8296004987770367],
      'Purchase flow': [6, 0, 1015.3333333333334, 463, 1775, 988, 1775, 1775, 1775, 0.1733452748967151],
      'Search, filtered': [103, 6, 511.1747572815534, 20, 1494, 326, 1284.2, 1425, 1492.88, 2.45203066228634],
      Total: [300, 17, 468.07666666666665, 20, 1519, 323.5, 1181.3, 1412.3, 1505.98, 7.141666865046302],
    };
    expect(Object.keys(figures).sort()).toEqual(Object.keys(expected).sort());
    for (const [label, values] of Object.entries(expected)) {
      const f = figures[label];
      const actual = [f?.samples, f?.errors, f?.meanMs, f?.minMs, f?.maxMs, f?.p50Ms, f?.p90Ms, f?.p95Ms, f?.p99Ms];
      actual.forEach((value, i) => {
        expect(value, `${label} #${i}`).toBeCloseTo(values[i] ?? Number.NaN, 9);
      });
      expect(f?.throughput, `${label} throughput`).toBeCloseTo(values[9] ?? Number.NaN, 12);
    }
    expect(analysis.warnings.map((w) => w.code)).toEqual(['outOfOrder', 'transactionControllers']);
  });

  it('reads any column set in any order, with formatted timestamps and no success column', async () => {
    const rows = [
      { label: 'Login', elapsed: 120, timeStamp: '2026/05/04 12:00:00.000', responseCode: 200 },
      { label: 'Login', elapsed: 80, timeStamp: '2026/05/04 12:00:00.500', responseCode: 503 },
      { label: 'Search', elapsed: 300, timeStamp: '2026/05/04 12:00:01.250', responseCode: 302 },
    ];
    const analysis = await analyse(
      'formatted.jtl',
      jtlCsv(rows, ['label', 'elapsed', 'Hostname', 'timeStamp', 'responseCode']),
      jmeterCsv,
    );
    expect(analysis.overall).toMatchObject({ samples: 3, errors: 1, minMs: 80, maxMs: 300 });
    expect(analysis.startMs).toBe(new Date(2026, 4, 4, 12, 0, 0, 0).getTime());
    expect(analysis.durationSeconds).toBe(1.55);
    // A run of 1.55 s is shorter than the sustain window, which the analysis says too.
    expect(analysis.warnings.map((w) => w.code)).toEqual([
      'noResponseMessage',
      'noSuccessColumn',
      'localTime',
      'shortRun',
    ]);
  });

  it('keeps quoted labels with commas, quotes and line breaks whole, and counts lines across them', async () => {
    const content = jtlCsv([
      httpRow(T0, 100, 'Search, then filter'),
      httpRow(T0 + 10, 100, 'Pay "now"', false, { failureMessage: 'Assertion failed:\nexpected 200\nfound 500' }),
      { ...httpRow(T0 + 20, 90, 'Login'), elapsed: 'slow', Latency: 85 },
    ]);
    const error = await importFailure('quoted.jtl', content, jmeterCsv);
    // Header line 1, rows on lines 2 and 3-5 (two breaks inside the quoted failure message), bad row on 6.
    expect(error.message).toBe('quoted.jtl: line 6: elapsed "slow" is not a number of milliseconds');

    const good = await analyse('quoted-good.jtl', content.replace(',slow,', ',90,'), jmeterCsv);
    expect(good.labels.map((l) => l.label)).toEqual(['Login', 'Pay "now"', 'Search, then filter']);
    expect(good.overall.errors).toBe(1);
  });

  it('numbers lines right across read chunks when many quoted fields hold line breaks', async () => {
    const rows = Array.from({ length: 4000 }, (_, i) =>
      httpRow(
        T0 + i,
        100,
        'Login',
        i % 7 !== 0,
        i % 7 === 0 ? { failureMessage: 'Assertion:\nexpected 200\ngot 500' } : {},
      ),
    );
    rows[3500] = { ...httpRow(T0 + 3500, 1, 'Login'), elapsed: 'late' };
    const content = jtlCsv(rows);
    expect(content.length).toBeGreaterThan(6 * 64 * 1024);
    const line = content.slice(0, content.indexOf(`${T0 + 3500},late,`)).split('\n').length;
    const error = await importFailure('long.jtl', content, jmeterCsv);
    expect(error.message).toBe(`long.jtl: line ${line}: elapsed "late" is not a number of milliseconds`);
  });

  it('names the missing required columns', async () => {
    const error = await importFailure(
      'no-elapsed.jtl',
      'timeStamp,success,threadName\n1777000000000,true,t1\n',
      jmeterCsv,
    );
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'file' });
    expect(error.message).toBe(
      'no-elapsed.jtl: line 1: missing column(s) elapsed, label; the header has timeStamp, success, threadName.',
    );
  });

  it('refuses a header naming a column it reads twice, and warns about a duplicate it does not read', async () => {
    // A second elapsed column, named in another case (JMeter reads names in any case).
    const twice = jtlCsv([httpRow(T0, 100, 'Login')], [...JTL_COLUMNS, 'Elapsed']);
    const error = await importFailure('twice.jtl', twice, jmeterCsv);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', field: 'file' });
    expect(error.message).toBe(
      'twice.jtl: line 1: the header has 2 columns named elapsed (columns 2 and 18), so which one to read is ambiguous; rename or remove the extra one.',
    );

    const withHosts = jtlCsv(
      [httpRow(T0, 100, 'Login', true, { Hostname: 'lg-1' })],
      [...JTL_COLUMNS, 'Hostname', 'Hostname'],
    );
    const analysis = await analyse('hosts.jtl', withHosts, jmeterCsv);
    expect(analysis.overall.samples).toBe(1);
    expect(analysis.warnings.find((w) => w.code === 'duplicateColumn')).toEqual({
      code: 'duplicateColumn',
      message:
        'The header names Hostname twice (columns 18 and 19); that column is not read, so the figures do not depend on it.',
      line: 1,
    });
  });

  it('refuses an empty file and a header without samples', async () => {
    expect((await importFailure('empty.jtl', '', jmeterCsv)).message).toBe('empty.jtl: the file is empty.');
    expect((await importFailure('blank.jtl', '\n\n', jmeterCsv)).message).toBe('blank.jtl: the file is empty.');
    expect((await importFailure('header.jtl', `${JTL_COLUMNS.join(',')}\n`, jmeterCsv)).message).toBe(
      'header.jtl: the file has a header but no samples.',
    );
  });

  it('reports every bad line by number (the first ten) and imports nothing', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => httpRow(T0 + i, i % 2 === 0 ? 100 : Number.NaN, 'Login'));
    rows[4] = httpRow(Number.NaN, 50, 'Login');
    const content = jtlCsv(rows).replaceAll(',NaN,', ',n/a,').replace(/^NaN,/m, 'yesterday,');
    const error = await importFailure('bad.jtl', content, jmeterCsv);
    expect(error.message).toMatch(
      /^bad\.jtl: line 3: elapsed "n\/a" is not a number of milliseconds; line 5: elapsed "n\/a" .*; line 6: timeStamp "yesterday" is not an epoch time in milliseconds; .*; and 6 more bad line\(s\)$/,
    );
    expect(error.details).toHaveLength(10);
    expect(error.details?.[0]).toBe('bad.jtl: line 3: elapsed "n/a" is not a number of milliseconds');
  });

  it('leaves out a truncated last line with a warning but refuses a short row in the middle', async () => {
    const content = jtlCsv([httpRow(T0, 100, 'Login'), httpRow(T0 + 5, 120, 'Login')]);
    const truncated = await analyse('cut.jtl', `${content}${T0 + 9},14`, jmeterCsv);
    expect(truncated.rows).toBe(2);
    expect(truncated.warnings[0]).toMatchObject({ code: 'truncatedLastLine', line: 4 });
    const middle = await importFailure('middle.jtl', content.replace('\n', `\n${T0 + 1},14\n`), jmeterCsv);
    expect(middle.message).toBe('middle.jtl: line 2: has 2 field(s), the header has 17');
  });

  it('reads a file saved without its header in the default column order, with a semicolon, CRLF and a BOM', async () => {
    const body = jtlCsv([httpRow(T0, 100, 'Login'), httpRow(T0 + 5, 120, 'Pay; now')], JTL_COLUMNS, {
      header: false,
      delimiter: ';',
      newline: '\r\n',
    });
    const analysis = await analyse('headless.csv', `\uFEFF${body}`, jmeterCsv);
    expect(analysis.labels.map((l) => l.label)).toEqual(['Login', 'Pay; now']);
    expect(analysis.warnings[0]?.code).toBe('noHeader');
  });

  it('reads numbers only as plain decimals: hex, exponents and words are refused with their line', async () => {
    const rows = [
      httpRow(T0, 100, 'Login'),
      { ...httpRow(T0 + 1, 1, 'Login'), elapsed: '0x10' },
      { ...httpRow(T0 + 2, 1, 'Login'), elapsed: '1e3' },
      { ...httpRow(T0 + 3, 1, 'Login'), elapsed: 'Infinity' },
      { ...httpRow(T0 + 4, 1, 'Login'), elapsed: '0b11' },
      { ...httpRow(T0 + 5, 1, 'Login'), elapsed: '' },
    ];
    const error = await importFailure('loose.jtl', jtlCsv(rows), jmeterCsv);
    expect(error.details).toEqual([
      'loose.jtl: line 3: elapsed "0x10" is not a number of milliseconds',
      'loose.jtl: line 4: elapsed "1e3" is not a number of milliseconds',
      'loose.jtl: line 5: elapsed "Infinity" is not a number of milliseconds',
      'loose.jtl: line 6: elapsed "0b11" is not a number of milliseconds',
      'loose.jtl: line 7: elapsed "" is not a number of milliseconds',
    ]);
    const xml = jmeterXmlFile.replace('t="80"', 't="1e2"');
    expect((await importFailure('loose.xml', xml, { format: 'jmeterXml' })).message).toBe(
      'loose.xml: line 11: t (elapsed) "1e2" is not a number of milliseconds',
    );
    // Decimals with a fraction or padding, as k6 and spreadsheets write them, still read.
    const plain = await analyse(
      'plain.jtl',
      jtlCsv([httpRow(T0, 100, 'Login'), { ...httpRow(T0 + 1, 1, 'Login'), elapsed: ' 12.5 ' }]),
      jmeterCsv,
    );
    expect(plain.overall).toMatchObject({ samples: 2, minMs: 12.5, maxMs: 100 });
  });

  it('cuts labels longer than 500 characters, with a warning counting them', async () => {
    const long = `POST /api/search?q=${'x'.repeat(2 * 1024 * 1024)}`;
    const alsoLong = '查'.repeat(700);
    const rows = [
      httpRow(T0, 100, long),
      httpRow(T0 + 1, 50, long),
      httpRow(T0 + 2, 70, alsoLong),
      httpRow(T0 + 3, 9, 'Login'),
    ];
    const analysis = await analyse('long-labels.jtl', jtlCsv(rows), jmeterCsv);
    expect(analysis.labels.map((l) => [l.label.length, l.samples])).toEqual([
      [5, 1],
      [500, 2],
      [500, 1],
    ]);
    expect(analysis.labels.map((l) => l.label)).toEqual(['Login', `${long.slice(0, 499)}…`, `${'查'.repeat(499)}…`]);
    expect(analysis.warnings.find((w) => w.code === 'longLabels')?.message).toBe(
      '2 label(s) longer than 500 characters were cut to their first 499 and "…"; labels that begin alike beyond that share a row.',
    );
  });

  it('counts labels past the first 1,000 distinct ones together as "(other labels)", with a warning', async () => {
    const rows = Array.from({ length: 1300 }, (_, i) => httpRow(T0 + i, 10 + (i % 7), `GET /orders/${i % 1200}`));
    const analysis = await analyse('many-labels.jtl', jtlCsv(rows), jmeterCsv);
    expect(analysis.labels).toHaveLength(1001);
    expect(analysis.overall.samples).toBe(1300);
    // Orders 0-999 come first and keep their names (0-99 twice); 1000-1199 are folded.
    const other = analysis.labels.find((l) => l.label === '(other labels)');
    expect(other?.samples).toBe(200);
    expect(analysis.labels.find((l) => l.label === 'GET /orders/99')?.samples).toBe(2);
    expect(analysis.warnings.find((w) => w.code === 'manyLabels')?.message).toBe(
      'The file has more than 1,000 distinct labels (request names with ids or URLs in them, probably): the first 1,000 keep their names and the 200 sample(s) of the others are counted together as "(other labels)". Name the requests in the test plan to tell them apart.',
    );
  });

  it('refuses a timestamp in seconds where JMeter writes milliseconds', async () => {
    const error = await importFailure('seconds.jtl', jtlCsv([httpRow(1_777_000_000, 100, 'Login')]), jmeterCsv);
    expect(error.message).toBe('seconds.jtl: line 2: timeStamp "1777000000" is not an epoch time in milliseconds');
  });
});

const jmeterXmlFile = `<?xml version="1.0" encoding="UTF-8"?>
<testResults version="1.2">
<httpSample t="120" lt="100" ts="${T0}" s="true" lb="Home" rc="200" rm="OK" tn="Users 1-1" dt="text" by="100"/>
<sample t="900" ts="${T0 + 10}" s="false" lb="Buy flow" rc="500" rm="Number of samples in transaction : 2, number of failing samples : 1" tn="Users 1-1">
  <httpSample t="400" ts="${T0 + 10}" s="true" lb="Cart" rc="200" rm="OK"/>
  <httpSample t="500" ts="${T0 + 410}" s="false" lb="Pay" rc="500" rm="Server Error">
    <httpSample t="20" ts="${T0 + 410}" s="true" lb="Pay-redirect" rc="302" rm="Found"/>
    <responseData class="java.lang.String">&lt;html&gt;</responseData>
  </httpSample>
</sample>
<httpSample t="80" ts="${T0 + 1000}" s="false" lb="Home" rc="404" rm="Not Found">
  <assertionResult><name>Code</name><failure>true</failure></assertionResult>
</httpSample>
</testResults>
`;

describe('JMeter XML', () => {
  it('counts only top-level samples, a Transaction Controller under its label but not in the total', async () => {
    const analysis = await analyse('results.xml', jmeterXmlFile, { format: 'jmeterXml' });
    expect(analysis.rows).toBe(3);
    expect(analysis.labels.map((l) => [l.label, l.samples, l.errors])).toEqual([
      ['Buy flow', 1, 1],
      ['Home', 2, 1],
    ]);
    expect(analysis.overall).toMatchObject({ samples: 2, errors: 1, minMs: 80, maxMs: 120 });
    expect(analysis.percentileMethod).toBe('jmeter');
  });

  it('reads a file cut before </testResults> with a warning', async () => {
    const cut = jmeterXmlFile.slice(0, jmeterXmlFile.indexOf('<httpSample t="80"') + 30);
    const analysis = await analyse('cut.xml', cut, { format: 'jmeterXml' });
    expect(analysis.rows).toBe(2);
    expect(analysis.warnings[0]?.code).toBe('truncatedXml');
  });

  it('names the line of a sample without a number and refuses other XML', async () => {
    const bad = jmeterXmlFile.replace('t="80"', 't="fast"');
    expect((await importFailure('bad.xml', bad, { format: 'jmeterXml' })).message).toBe(
      'bad.xml: line 11: t (elapsed) "fast" is not a number of milliseconds',
    );
    expect((await importFailure('pom.xml', '<project><a/></project>', { format: 'jmeterXml' })).message).toBe(
      'pom.xml: line 1: <project> is not a JMeter results file (<testResults>).',
    );
    expect((await importFailure('empty.xml', '', { format: 'jmeterXml' })).message).toBe(
      'empty.xml: the file is empty.',
    );
  });
});

const K6_HEADER =
  'metric_name,timestamp,metric_value,check,error,error_code,expected_response,group,method,name,proto,scenario,service,status,subproto,tls_version,url,extra_tags';
function k6Rows(seconds: number, value: number, name: string, status: number, expected: boolean): string {
  const tags = `${expected},,GET,${name},HTTP/2.0,default,,${status},,tls1.3,${name},`;
  return [
    `http_reqs,${seconds},1.000000,,,,${tags}`,
    `http_req_duration,${seconds},${value.toFixed(6)},,,,${tags}`,
    `http_req_waiting,${seconds},${(value * 0.9).toFixed(6)},,,,${tags}`,
    `http_req_failed,${seconds},${expected ? '0' : '1'}.000000,,,,${tags}`,
    `vus,${seconds},10.000000,,,,,,,,,,,,,,,`,
  ].join('\n');
}

describe('k6 CSV', () => {
  it('takes http_req_duration rows as samples, failed by expected_response, labelled by name', async () => {
    const content = [
      K6_HEADER,
      k6Rows(1_777_000_000, 245.5, 'https://shop.example.com/', 200, true),
      k6Rows(1_777_000_001, 120.25, 'https://shop.example.com/cart', 200, true),
      k6Rows(1_777_000_001, 80, 'https://shop.example.com/cart', 503, false),
      '',
    ].join('\n');
    const analysis = await analyse('k6.csv', content, { format: 'k6Csv' });
    expect(analysis.percentileMethod).toBe('r6');
    expect(analysis.labels.map((l) => [l.label, l.samples, l.errors])).toEqual([
      ['https://shop.example.com/', 1, 0],
      ['https://shop.example.com/cart', 2, 1],
    ]);
    // The timestamp is the end: the first request started 245.5 ms before its second.
    expect(analysis.startMs).toBe(1_777_000_000_000 - 245.5);
    expect(analysis.warnings.map((w) => w.code)).toEqual(['wholeSecondTimestamps', 'shortRun']);
  });

  it('refuses a k6 file with a tag column it reads named twice', async () => {
    const error = await importFailure(
      'k6-twice.csv',
      `${K6_HEADER},name\n${k6Rows(1_777_000_000, 245.5, 'https://shop.example.com/', 200, true)
        .split('\n')
        .map((row) => `${row},x`)
        .join('\n')}\n`,
      { format: 'k6Csv' },
    );
    expect(error.message).toBe(
      'k6-twice.csv: line 1: the header has 2 columns named name (columns 10 and 19), so which one to read is ambiguous; rename or remove the extra one.',
    );
  });

  it('names what is missing from a file that is not k6 output', async () => {
    const error = await importFailure('other.csv', 'time,value\n1,2\n', { format: 'k6Csv' });
    expect(error.message).toBe(
      'other.csv: line 1: missing column(s) metric_name, timestamp, metric_value; this is not a k6 CSV file (k6 run --out csv=…).',
    );
  });
});

describe('Gatling simulation.log', () => {
  const log35 = [
    'RUN\tShop\t\tshop-1\t1777000000000\t \t3.5.1',
    'USER\tShoppers\tSTART\t1777000000100\t1777000000100',
    'REQUEST\t\tHome\t1777000000200\t1777000000320\tOK\t ',
    'REQUEST\tCheckout\tPay\t1777000001000\t1777000001900\tKO\tstatus.find.in(200), found 500',
    'REQUEST\t\tHome\t1777000002000\t1777000002100\tOK\t ',
    'USER\tShoppers\tEND\t1777000000100\t1777000003000',
    '',
  ].join('\n');

  it('reads REQUEST records of the 3.4-3.9 layout, KO as failed, groups in the label', async () => {
    const analysis = await analyse('simulation.log', log35, { format: 'gatlingLog' });
    expect(analysis.labels.map((l) => [l.label, l.samples, l.errors, l.maxMs])).toEqual([
      ['Checkout / Pay', 1, 1, 900],
      ['Home', 2, 0, 120],
    ]);
    expect(analysis.warnings.map((w) => w.code)).toEqual(['shortRun']);
  });

  it('reads the 3.0-3.3 layout with a user id, warning about a version it does not know', async () => {
    const log = [
      'RUN\tShop\tshop-1\t1777000000000\t \t2.3.1',
      'REQUEST\tShoppers\t7\t\tHome\t1777000000200\t1777000000260\t1777000000300\t1777000000320\tOK\t ',
      'REQUEST\t12\t\tHome\t1777000000400\t1777000000450\tOK\t ',
    ].join('\n');
    const analysis = await analyse('old.log', log, { format: 'gatlingLog' });
    expect(analysis.labels[0]).toMatchObject({ label: 'Home', samples: 2, minMs: 50, maxMs: 120 });
    expect(analysis.warnings[0]?.code).toBe('gatlingVersion');
  });

  it('reads requests named only with digits, with or without a group, in every layout', async () => {
    const log = [
      'RUN\tShop\t\tshop-1\t1777000000000\t \t3.9.5',
      'REQUEST\t\t404\t1777000000200\t1777000000320\tOK\t ',
      'REQUEST\t2024\t7\t1777000000300\t1777000000350\tKO\tstatus.find.in(200), found 500',
      'REQUEST\t\tOK\t1777000000400\t1777000000410\tOK\t ',
    ].join('\n');
    const analysis = await analyse('numeric.log', log, { format: 'gatlingLog' });
    expect(analysis.labels.map((l) => [l.label, l.samples, l.errors, l.maxMs])).toEqual([
      ['2024 / 7', 1, 1, 50],
      ['404', 1, 0, 120],
      ['OK', 1, 0, 10],
    ]);
    // 3.0-3.3 (user id first) and 2.x (scenario, user id and four timestamps) with a numeric name.
    const older = [
      'REQUEST\t12\t\t404\t1777000000400\t1777000000450\tOK\t ',
      'REQUEST\tShoppers\t7\t\t500\t1777000000200\t1777000000260\t1777000000300\t1777000000320\tOK\t ',
    ].join('\n');
    const old = await analyse('numeric-old.log', `RUN\tShop\tshop-1\t1777000000000\t \t2.3.1\n${older}`, {
      format: 'gatlingLog',
    });
    expect(old.labels.map((l) => [l.label, l.maxMs])).toEqual([
      ['404', 50],
      ['500', 120],
    ]);
  });

  it('refuses a binary log and a record without times', async () => {
    const binary = await importFailure('binary.log', '\u0000\u0001\u0002gatling', { format: 'gatlingLog' });
    expect(binary.message).toMatch(/^binary\.log: line 1: not a Gatling text simulation\.log/);
    const broken = await importFailure('broken.log', 'RUN\tShop\t\ts\t1\t \t3.9.5\nREQUEST\t\tHome\tOK\t \n', {
      format: 'gatlingLog',
    });
    expect(broken.message).toBe(
      'broken.log: line 2: REQUEST record has no start and end times before its status: "REQUEST\\t\\tHome\\tOK\\t "',
    );
  });
});

describe('generic CSV with a column mapping', () => {
  const content = [
    'start_time;api;duration_s;result',
    '2026-05-04T12:00:00.000Z;GET /items;0.125;OK',
    '2026-05-04T12:00:00.500Z;GET /items;0.25;FAILED',
    '2026-05-04T12:00:01.000Z;"POST /cart; add";1.5;200',
    '',
  ].join('\n');
  const mapping = {
    timestamp: 'start_time',
    timestampUnit: 'iso',
    label: 'api',
    elapsed: 'duration_s',
    elapsedUnit: 's',
    success: 'result',
  } as const;

  it('reads the mapped columns in their units', async () => {
    const analysis = await analyse('export.csv', content, { format: 'genericCsv', mapping });
    expect(analysis.percentileMethod).toBe('r6');
    expect(analysis.labels.map((l) => [l.label, l.samples, l.errors, l.maxMs])).toEqual([
      ['GET /items', 2, 1, 250],
      ['POST /cart; add', 1, 0, 1500],
    ]);
    expect(analysis.startMs).toBe(Date.parse('2026-05-04T12:00:00.000Z'));
    expect(analysis.warnings.map((w) => w.code)).toEqual(['shortRun']);
  });

  it('refuses an epoch time or duration written with an exponent', async () => {
    const epoch = { ...mapping, timestampUnit: 's' } as const;
    const file = 'start_time;api;duration_s;result\n1777000000;GET /items;0.125;OK\n1.777e9;GET /items;1E-1;OK\n';
    const error = await importFailure('exp.csv', file, { format: 'genericCsv', mapping: epoch });
    expect(error.message).toBe('exp.csv: line 3: duration_s "1E-1" is not a number of s');
    const time = await importFailure('exp.csv', file.replace('1E-1', '0.1'), { format: 'genericCsv', mapping: epoch });
    expect(time.message).toBe('exp.csv: line 3: start_time "1.777e9" is not an epoch time in s');
  });

  it('refuses a mapped column the header names twice', async () => {
    const twice = content.replace('start_time;api;duration_s;result', 'start_time;api;duration_s;result;API');
    const error = await importFailure('twice.csv', twice, { format: 'genericCsv', mapping });
    expect(error.message).toBe(
      'twice.csv: line 1: the header has 2 columns named api (columns 2 and 5), so which one to read is ambiguous; rename or remove the extra one.',
    );
  });

  it('counts only the given success values when the mapping lists them', async () => {
    const analysis = await analyse('export.csv', content, {
      format: 'genericCsv',
      mapping: { ...mapping, successValues: ['ok'] },
    });
    expect(analysis.overall.errors).toBe(2);
  });

  it('names mapped columns the file does not have, and needs a mapping', async () => {
    const error = await importFailure('export.csv', content, {
      format: 'genericCsv',
      mapping: { ...mapping, elapsed: 'latency', label: 'endpoint' },
    });
    expect(error.message).toBe(
      'export.csv: line 1: missing column(s) latency, endpoint; the header has start_time, api, duration_s, result.',
    );
    expect((await importFailure('export.csv', content, { format: 'genericCsv' })).message).toBe(
      'export.csv: a generic CSV file needs a column mapping.',
    );
  });
});

describe('text encodings', () => {
  // Labels as a Chinese team names them, in a file spanning several 64 KB read chunks.
  const labels = ['登录', '查询订单', '提交订单, 支付', '退出'];
  // Only the labels are Chinese, so the character split between two reads is in a label.
  const rows = Array.from({ length: 3000 }, (_, i) =>
    httpRow(T0 + i * 10, 50 + (i % 100), labels[i % labels.length] ?? '登录', i % 50 !== 0),
  );
  const text = jtlCsv(rows);

  /** The file as GB18030 with the first row padded so that the first 64 KB read ends inside a character. */
  function splitAtFirstChunk(): Uint8Array {
    const chunk = 64 * 1024;
    const plain = gb18030Bytes(text);
    // The last two-byte character starting before the chunk's end: padding moves it onto the end.
    let lastLead = 0;
    for (let at = 0; at < chunk; at += 1)
      if ((plain[at] ?? 0) >= 0x81) {
        lastLead = at;
        at += 1;
      }
    const pad = chunk - 1 - lastLead;
    const padded = [{ ...rows[0], URL: `${rows[0]?.URL}${'x'.repeat(pad)}` }, ...rows.slice(1)];
    const bytes = gb18030Bytes(jtlCsv(padded));
    expect(() => new TextDecoder('gb18030', { fatal: true }).decode(bytes.subarray(0, chunk))).toThrow();
    return bytes;
  }

  it('reads a GB18030 (GBK) file from Excel on Chinese Windows, with a warning saying so', async () => {
    const bytes = splitAtFirstChunk();
    expect(bytes.length).toBeGreaterThan(4 * 64 * 1024);
    const analysis = await analyse('gbk.jtl', bytes, jmeterCsv);
    const utf8 = await analyse('utf8.jtl', text, jmeterCsv);
    expect(analysis.labels.map((l) => [l.label, l.samples, l.errors])).toEqual(
      utf8.labels.map((l) => [l.label, l.samples, l.errors]),
    );
    expect(analysis.labels.map((l) => l.label).sort()).toEqual([...labels].sort());
    expect(analysis.warnings[0]).toMatchObject({ code: 'encoding' });
    expect(analysis.warnings[0]?.message).toMatch(/read as GB18030/);
    expect(utf8.warnings.map((w) => w.code)).not.toContain('encoding');

    const preview = await previewLoadTestFile(scratch.file('gbk-preview.jtl', bytes), 'gbk-preview.jtl');
    expect(preview.format).toBe('jmeterCsv');
    expect(preview.rows[0]?.[2]).toBe('登录');
  });

  it('reads GB18030 in every text format: a mapped CSV, k6 and a Gatling log', async () => {
    const csv = gb18030Bytes('时间,接口,耗时\n1777000000000,登录,120\n1777000000500,支付,80\n');
    const mapping = {
      timestamp: '时间',
      timestampUnit: 'ms',
      label: '接口',
      elapsed: '耗时',
      elapsedUnit: 'ms',
      success: null,
    } as const;
    const generic = await analyse('gbk.csv', csv, { format: 'genericCsv', mapping });
    expect(generic.labels.map((l) => l.label)).toEqual(['支付', '登录']);
    const log = gb18030Bytes(
      'RUN\t商城\t\ts\t1777000000000\t \t3.9.5\nREQUEST\t\t首页\t1777000000200\t1777000000320\tOK\t \n',
    );
    const gatling = await analyse('gbk.log', log, { format: 'gatlingLog' });
    expect(gatling.labels.map((l) => l.label)).toEqual(['首页']);
    const k6 = gb18030Bytes(`${K6_HEADER}\n${k6Rows(1_777_000_000, 12, '首页', 200, true)}\n`);
    expect((await analyse('gbk-k6.csv', k6, { format: 'k6Csv' })).labels.map((l) => l.label)).toEqual(['首页']);
  });

  it('reads a UTF-16 file with its byte order mark (Excel "Unicode Text")', async () => {
    const bytes = Buffer.from(`\uFEFF${jtlCsv(rows.slice(0, 100), JTL_COLUMNS, { delimiter: '\t' })}`, 'utf16le');
    const analysis = await analyse('unicode.txt', bytes, jmeterCsv);
    expect(analysis.rows).toBe(100);
    expect(analysis.labels.map((l) => l.label).sort()).toEqual([...labels].sort());
  });

  it('refuses text in an encoding it cannot tell, asking for UTF-8', async () => {
    // Windows-1252 "Café," then a comma: neither UTF-8 nor GB18030.
    const latin = Uint8Array.from([...Buffer.from('timeStamp,elapsed,label\n1777000000000,12,Caf'), 0xe9, 0x2c, 0x0a]);
    const message = 'latin.csv: not UTF-8 text: save it as UTF-8 ("CSV UTF-8" in Excel).';
    expect((await importFailure('latin.csv', latin, jmeterCsv)).message).toBe(message);
    await expect(previewLoadTestFile(scratch.file('latin.csv', latin), 'latin.csv')).rejects.toThrow(message);
  });

  it('still refuses a binary file as not text', async () => {
    const binary = Uint8Array.from([0x47, 0x00, 0x01, 0x02, 0x0a, 0x10, 0x00]);
    expect((await importFailure('results.bin', binary, jmeterCsv)).message).toBe(
      'results.bin: not a text file (Gatling 3.10 and later write a binary simulation.log; use a JMeter JTL, a k6 CSV or a CSV export).',
    );
    expect((await importFailure('results.xml', binary, { format: 'jmeterXml' })).message).toMatch(
      /^results\.xml: not a text file/,
    );
  });
});

describe('previewLoadTestFile', () => {
  const preview = (name: string, content: string) => previewLoadTestFile(scratch.file(name, content), name);

  it('recognises each tool from the head of its file', async () => {
    expect((await preview('a.jtl', jtlCsv(goldenJtlRows()))).format).toBe('jmeterCsv');
    expect((await preview('b.xml', jmeterXmlFile)).format).toBe('jmeterXml');
    expect((await preview('c.csv', `${K6_HEADER}\n${k6Rows(1_777_000_000, 1, 'x', 200, true)}\n`)).format).toBe(
      'k6Csv',
    );
    expect((await preview('simulation.log', 'RUN\tS\t\ts\t1\t \t3.5.1\nREQUEST\t\tHome\t1\t2\tOK\t \n')).format).toBe(
      'gatlingLog',
    );
  });

  it('shows the header and first 20 rows of a JMeter CSV with a ready mapping', async () => {
    const result = await preview('a.jtl', jtlCsv(goldenJtlRows()));
    expect(result.delimiter).toBe(',');
    expect(result.headers).toEqual([...JTL_COLUMNS]);
    expect(result.rows).toHaveLength(20);
    expect(result.rows[0]?.[2]).toBe('Login');
    expect(result.suggestedMapping).toEqual({
      timestamp: 'timeStamp',
      timestampUnit: 'ms',
      label: 'label',
      elapsed: 'elapsed',
      elapsedUnit: 'ms',
      success: 'success',
    });
  });

  it('proposes a mapping for an unknown CSV and leaves the format to the consultant', async () => {
    const result = await preview(
      'cloud.csv',
      'Request Name;Start Time;Response Time (s);Status Code\nlogin;1777000000;0.2;200\n',
    );
    expect(result.format).toBeNull();
    expect(result.delimiter).toBe(';');
    expect(result.suggestedMapping).toEqual({
      timestamp: 'Start Time',
      timestampUnit: 's',
      label: 'Request Name',
      elapsed: 'Response Time (s)',
      elapsedUnit: 's',
      success: 'Status Code',
    });
    const unknown = await preview('notes.txt', 'hello world\nsecond line\n');
    expect(unknown).toMatchObject({ format: null, suggestedMapping: null });
  });

  it('says a file that cannot be read cannot be read', async () => {
    const missing = `${scratch.dir}/gone.jtl`;
    await expect(previewLoadTestFile(missing, 'gone.jtl')).rejects.toThrow(
      'gone.jtl: the file cannot be read (ENOENT).',
    );
    await expect(analyseLoadTestFileHere(missing, 'gone.jtl', jmeterCsv)).rejects.toThrow(
      'gone.jtl: the file cannot be read (ENOENT).',
    );
  });

  it('refuses an empty or binary file', async () => {
    await expect(preview('empty.csv', '')).rejects.toThrow('empty.csv: the file is empty.');
    await expect(preview('bin.log', '\u0000\u0001binary')).rejects.toThrow(/bin\.log: not a text file/);
  });
});
