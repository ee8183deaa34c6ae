/**
 * The exported PDF shown in the app, page by page, with pdf.js: what the customer will get, not an
 * approximation. Pages render to canvas when they scroll into view, so a 200-page deliverable opens
 * at once. Loaded lazily: pdf.js stays out of the main bundle.
 */
import { Alert, Box, Loader, Stack, Text } from '@mantine/core';
import { GlobalWorkerOptions, getDocument, type PDFDocumentProxy } from 'pdfjs-dist';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

let workerStarted = false;
/** pdf.js parses in its own worker, served from 'self' as the CSP requires. */
function startWorker(): void {
  if (workerStarted) return;
  workerStarted = true;
  GlobalWorkerOptions.workerPort = new Worker(new URL('pdfjs-dist/build/pdf.worker.min.mjs', import.meta.url), {
    type: 'module',
  });
}

const PAGE_WIDTH = 680;

export default function PdfPreview({ bytes, title }: { bytes: Uint8Array; title: string }) {
  const { t } = useTranslation();
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    startWorker();
    setPdf(null);
    setFailed(false);
    // pdf.js takes the buffer over; it gets its own copy so a later render of ours is untouched.
    const task = getDocument({ data: bytes.slice(), isEvalSupported: false, useSystemFonts: false });
    let alive = true;
    task.promise.then(
      (loaded) => {
        if (alive) setPdf(loaded);
      },
      () => {
        if (alive) setFailed(true);
      },
    );
    return () => {
      alive = false;
      void task.destroy();
    };
  }, [bytes]);

  if (failed) return <Alert color="red">{t('deliverables.pdfPreviewFailed')}</Alert>;
  if (!pdf) return <Loader size="sm" aria-label={t('deliverables.pdfLoading')} />;
  return (
    <Stack gap="md" align="center" aria-label={t('deliverables.pdfPages', { title, count: pdf.numPages })} role="list">
      {Array.from({ length: pdf.numPages }, (_, i) => i + 1).map((pageNumber) => (
        <PdfPage key={pageNumber} pdf={pdf} pageNumber={pageNumber} />
      ))}
    </Stack>
  );
}

function PdfPage({ pdf, pageNumber }: { pdf: PDFDocumentProxy; pageNumber: number }) {
  const { t } = useTranslation();
  const holder = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [visible, setVisible] = useState(pageNumber <= 2);
  const [height, setHeight] = useState(Math.round(PAGE_WIDTH * Math.SQRT2));

  useEffect(() => {
    const element = holder.current;
    if (!element || visible) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setVisible(true);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [visible]);

  useEffect(() => {
    if (!visible) return;
    let cancelled = false;
    let render: { cancel: () => void } | null = null;
    void pdf.getPage(pageNumber).then((page) => {
      const target = canvas.current;
      if (cancelled || !target) return;
      const base = page.getViewport({ scale: 1 });
      const ratio = window.devicePixelRatio || 1;
      const viewport = page.getViewport({ scale: (PAGE_WIDTH / base.width) * ratio });
      target.width = Math.floor(viewport.width);
      target.height = Math.floor(viewport.height);
      target.style.width = `${PAGE_WIDTH}px`;
      target.style.height = `${Math.floor(viewport.height / ratio)}px`;
      setHeight(Math.floor(viewport.height / ratio));
      const task = page.render({ canvas: target, viewport });
      render = task;
      task.promise.catch(() => {});
    });
    return () => {
      cancelled = true;
      render?.cancel();
    };
  }, [pdf, pageNumber, visible]);

  return (
    <Box ref={holder} role="listitem" data-testid="pdf-page" style={{ width: PAGE_WIDTH, minHeight: height }}>
      <canvas
        ref={canvas}
        role="img"
        aria-label={t('deliverables.pdfPage', { page: pageNumber, count: pdf.numPages })}
        style={{ boxShadow: '0 1px 4px rgba(0,0,0,0.25)', background: 'white', display: 'block' }}
      />
      <Text size="xs" c="dimmed" ta="center" mt={4}>
        {t('deliverables.pdfPage', { page: pageNumber, count: pdf.numPages })}
      </Text>
    </Box>
  );
}
