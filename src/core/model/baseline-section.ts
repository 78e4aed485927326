// "Changes since the baseline" as data: provenance/baseline.ts computes it, the report carries it and
// report/baseline-render.ts draws it, so it lives below both.
export interface VersionChange {
  name: string;
  from: string;
  to: string;
}

export interface DistributionSize {
  name: string;
  /** Installed bytes in the baseline (null: not there). */
  before: number | null;
  after: number | null;
}

export interface BaselineSection {
  baseline: { path: string; sha256: string };
  package: { path: string; sha256: string };
  identical: boolean;
  interpreter: { changed: boolean; fields: { field: string; before: unknown; after: unknown }[] };
  distributions: {
    added: { name: string; version: string }[];
    removed: { name: string; version: string }[];
    upgraded: VersionChange[];
    downgraded: VersionChange[];
    unchanged: number;
  };
  app: { added: string[]; removed: string[]; changed: { path: string; what: string }[] };
  /** Files outside app/ that changed, counted (the distributions and the interpreter explain them). */
  otherFiles: { added: number; removed: number; changed: number };
  sizes: DistributionSize[];
}
