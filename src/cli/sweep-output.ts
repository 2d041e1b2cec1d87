import { renderSweepCharts } from '../sweep/chart.js';
import { renderSummaryLine, renderSweepCsv, renderSweepJson, renderSweepNdjson } from '../sweep/json-output.js';
import type { SweepReport } from '../sweep/report.js';
import { renderSweepTable } from '../sweep/text-output.js';
import type { CliIo } from './io.js';
import { DEFAULT_COLUMNS } from './run-outputs.js';
import type { SweepFormat } from './sweep-options.js';

export interface ReportOptions {
  /** --chart (text only). */
  readonly chart: boolean;
  readonly io: CliIo;
  /** ndjson: the point lines went out as the points finished; only the summary line is left. */
  readonly pointsWritten?: boolean;
}

/** A sweep's (or a merge's) output in `format`. */
export function renderSweepReport(report: SweepReport, format: SweepFormat, options: ReportOptions): string {
  switch (format) {
    case 'json':
      return renderSweepJson(report);
    case 'csv':
      return renderSweepCsv(report);
    case 'ndjson':
      return options.pointsWritten ? renderSummaryLine(report) : renderSweepNdjson(report);
    case 'text': {
      const table = renderSweepTable(report);
      if (!options.chart) return table;
      const { stdout } = options.io;
      const width = stdout.isTTY === true && stdout.columns ? stdout.columns : DEFAULT_COLUMNS;
      return `${table}\n${renderSweepCharts(report, width)}`;
    }
  }
}
