export { EvidencePanel, type EvidencePanelHandle, type EvidencePanelProps, useEvidenceShortcut } from './EvidencePanel';
