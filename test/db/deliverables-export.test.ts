/**
 * Secrets never reach an exported file: documents built through the real path (deliverable.preview
 * → buildDeliverable, which applies the engagement's redaction) and rendered to PDF and DOCX carry
 * the text around a password, never the password.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderDocx } from '../../electron/core/export/docx';
import { renderPdf } from '../../electron/core/export/pdf';
import { callOk, closeTestCores, startTestCore, steppingClock } from '../fixtures/core';
import { removeTempDataDirs } from '../fixtures/dataDir';
import { engagementFields } from '../fixtures/engagement';
import { assets, docxParts, docxText, exportDir, pdfText, squash } from '../fixtures/export-tools';

vi.setConfig({ testTimeout: 120_000 });

afterEach(() => {
  closeTestCores();
  removeTempDataDirs();
});

const DB_PASSWORD = 'S3cr3tPass';
const OVERRIDE_SECRET = 'Sup3rSecret!';
const CONNECTION = `mysql://app:${DB_PASSWORD}@rm-bp1.mysql.rds.aliyuncs.com:3306/shop`;

describe('exported deliverables', () => {
  for (const catalog of [
    { catalogId: 'huawei-key-event-on-duty', editionId: 'basic' },
    { catalogId: 'alibaba-hypercare', editionId: 'standard' },
  ]) {
    it(`${catalog.catalogId}: mask a connection-string password and a password in an override reason in the PDF text and the DOCX XML`, async () => {
      const core = startTestCore({ now: steppingClock('2026-06-01T02:00:00.000Z') });
      callOk(core, 'settings.update', { consultantName: 'Chen Jie' });
      const engagement = callOk(core, 'engagement.create', engagementFields(catalog));
      callOk(core, 'finding.create', {
        engagementId: engagement.id,
        severity: 'critical',
        title: 'RDS primary has no standby',
        description: `Connection string ${CONNECTION} is in the application note.`,
        affectedResources: ['rds-shop'],
        recommendation: 'Add a standby instance.',
        owner: '',
        dueDate: null,
        status: 'open',
        disposition: '',
      });
      const plan = callOk(core, 'plan.get', { engagementId: engagement.id });
      const warning = plan.warnings.find((w) => w.override === null);
      expect(warning).toBeDefined();
      callOk(core, 'plan.overrideRule', {
        engagementId: engagement.id,
        ruleId: warning?.ruleId ?? '',
        reason: `Provider agreed by email, password=${OVERRIDE_SECRET} in the thread.`,
      });
      const available = callOk(core, 'deliverable.list', { engagementId: engagement.id }).filter((d) => d.available);
      expect(available.length).toBeGreaterThan(0);

      const dir = exportDir('redaction');
      const images = await assets();
      let printedFinding = false;
      let printedOverride = false;
      for (const { id } of available) {
        const document = callOk(core, 'deliverable.preview', { engagementId: engagement.id, documentId: id });
        const pdf = join(dir, `${id}.pdf`);
        writeFileSync(pdf, await renderPdf(document, images));
        const pdfAll = pdfText(pdf);
        const xml = docxParts(await renderDocx(document, images)).document;
        for (const secret of [DB_PASSWORD, OVERRIDE_SECRET]) {
          expect(pdfAll, `${id} PDF`).not.toContain(secret);
          expect(squash(pdfAll), `${id} PDF`).not.toContain(secret);
          expect(xml, `${id} DOCX`).not.toContain(secret);
        }
        const text = docxText(xml);
        if (text.includes('rm-bp1.mysql.rds.aliyuncs.com')) {
          printedFinding = true;
          expect(squash(pdfAll)).toContain('rm-bp1.mysql.rds.aliyuncs.com');
        }
        if (text.includes('Provider agreed by email')) printedOverride = true;
      }
      // The texts around the secrets were printed: the masking, not an omission, kept them out.
      expect(printedFinding).toBe(true);
      expect(printedOverride).toBe(true);
    });
  }
});
