-- Run into a copy of the source database (after source-schema.sql) to make the orphans fixture: two employees are
-- deleted with the checks off, so no ON DELETE action runs and the rows that reference them stay, as rows without a
-- parent. Session settings only.
SET SESSION foreign_key_checks = 0;
-- 14 manages 40 and has three assignments (two timesheet rows each); 43 has one assignment, and badge 12.
DELETE FROM employee WHERE id IN (14, 43);
