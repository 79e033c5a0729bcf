import { placeholderProvider } from './provider';

// Filled by the cameras capability: which of the unit's camera systems have an approved level (Directive 23/CT-TTg).
export const cameraLevelsEvidence = placeholderProvider('camera_levels', {
  vi: 'Cấp độ hệ thống camera giám sát',
  en: 'Camera system security levels',
});
