/**
 * The database schema as an ordered list of migrations; `PRAGMA user_version` records how many ran.
 * Append new steps, never edit a shipped one: a learner's database may be at any earlier version.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: attempts and the best result per lab.
  `
  CREATE TABLE attempts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    -- lab-01 … lab-13
    lab TEXT NOT NULL CHECK (lab GLOB 'lab-[01][0-9]'),
    -- ISO 8601: when the check was asked for and when it finished
    started_at TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    -- 'manual' (the learner pressed the button) or 'auto' (periodic re-check)
    trigger TEXT NOT NULL CHECK (trigger IN ('manual', 'auto')),
    -- passed | failed (some check failed) | incomplete (none failed, some error or pending)
    -- | not-collected (a host could not be read: no report)
    status TEXT NOT NULL CHECK (status IN ('passed', 'failed', 'incomplete', 'not-collected')),
    score REAL,
    max_score REAL,
    -- {"zh": GradeReport, "en": GradeReport}; NULL when not collected
    report_json TEXT,
    -- gzip of the Snapshot v1 JSON that was graded; NULL when not collected or pruned (see progress-store.ts)
    snapshot_gz BLOB,
    -- {"failures": [{"host", "kind", "detail": {"zh", "en"}}]} when not collected
    error_json TEXT
  );
  CREATE INDEX attempts_by_lab ON attempts (lab, id);
  CREATE TABLE best_results (
    lab TEXT PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES attempts (id),
    score REAL NOT NULL,
    max_score REAL NOT NULL,
    passed INTEGER NOT NULL CHECK (passed IN (0, 1)),
    graded_at TEXT NOT NULL
  );
  `,
];
