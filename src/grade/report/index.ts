// The four report formats of `nslab grade`.
import type { GradeReport } from '../grade.js';
import { jsonReport } from './json.js';
import { junitReport } from './junit.js';
import { tapReport } from './tap.js';
import { textReport, type TextOptions } from './text.js';

export const FORMATS = ['text', 'json', 'junit', 'tap'] as const;
export type Format = (typeof FORMATS)[number];

export function formatReport(report: GradeReport, format: Format, text: TextOptions = {}): string {
  switch (format) {
    case 'json':
      return jsonReport(report);
    case 'junit':
      return junitReport(report);
    case 'tap':
      return tapReport(report);
    case 'text':
      return textReport(report, text);
  }
}

export { jsonReport, junitReport, tapReport, textReport };
