-- Source schema of the foreign-keys fixtures: tables, rows and a trigger, run into an empty utf8mb4 database
-- (make-fixtures.sh does:  mariadb -h127.0.0.1 -uroot <db> < source-schema.sql). Session settings only.
--
--   region  <-  department (composite key)  <-  employee (nullable composite FK, MATCH SIMPLE; self-reference)
--                          ^                        ^   ^
--                          project  <-  assignment -+   employee_badge (BEFORE INSERT trigger)
--                                          ^
--                                       timesheet (composite FK to assignment)
--
-- Table names sort so that mariadb-dump, which writes tables in name order, puts assignment before employee and
-- project, department before region, and employee_badge after employee.
SET NAMES utf8mb4;

-- utf8mb4 text primary key: accents, CJK, a 4-byte character.
CREATE TABLE region (
  name VARCHAR(40) NOT NULL,
  label VARCHAR(60) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO region VALUES
  ('Île-de-France', 'Paris et sa région'),
  ('Köln', 'Rheinland'),
  ('東京', 'Tōkyō'),
  ('São Paulo', 'Sudeste'),
  ('🌍 Remote', 'Anywhere'),
  ('Zürich', 'Deutschschweiz');

-- Composite primary key, referenced by a composite foreign key; ON DELETE CASCADE, ON UPDATE CASCADE.
CREATE TABLE department (
  region VARCHAR(40) NOT NULL,
  code VARCHAR(10) NOT NULL,
  name VARCHAR(60) NOT NULL,
  PRIMARY KEY (region, code),
  CONSTRAINT fk_department_region FOREIGN KEY (region) REFERENCES region (name)
    ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO department (region, code, name)
SELECT r.name, d.code, CONCAT(d.what, ' – ', r.name)
FROM region r CROSS JOIN (SELECT 'ENG' AS code, 'Ingénierie' AS what UNION ALL SELECT 'OPS', 'Opérations') d;

-- Self-reference (manager, ON DELETE SET NULL) and a nullable composite foreign key (ON DELETE SET NULL). MATCH
-- SIMPLE: a row with a NULL in any of the key's columns is not checked, so 'Atlantis' with a NULL code stays. Keys
-- that equal their parent's only under the collation: upper case, a trailing space (PAD SPACE), decomposed letters.
CREATE TABLE employee (
  id INT NOT NULL,
  name VARCHAR(60) NOT NULL,
  manager_id INT NULL,
  dept_region VARCHAR(40) NULL,
  dept_code VARCHAR(10) NULL,
  PRIMARY KEY (id),
  KEY idx_employee_name (name),
  CONSTRAINT fk_employee_manager FOREIGN KEY (manager_id) REFERENCES employee (id) ON DELETE SET NULL,
  CONSTRAINT fk_employee_department FOREIGN KEY (dept_region, dept_code) REFERENCES department (region, code)
    ON DELETE SET NULL ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO employee
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 40)
SELECT i,
       CONCAT(ELT(1 + i % 8, 'Zoë', 'Jürgen', 'Ōtani', 'Chloé', 'Łukasz', 'Ana', 'D''Arcy', 'Søren'), ' #', i),
       IF(i = 1, NULL, (i - 1) DIV 3 + 1),
       IF(i % 10 = 0, NULL, ELT(1 + i % 6, 'Île-de-France', 'Köln', '東京', 'São Paulo', '🌍 Remote', 'Zürich')),
       IF(i % 10 = 0, NULL, IF(i % 2 = 0, 'ENG', 'OPS'))
FROM n;
INSERT INTO employee VALUES
  (41, 'Nemo', 1, 'Atlantis', NULL),
  (42, 'Upper Case', 1, 'ÎLE-DE-FRANCE', 'eng'),
  (43, 'Trailing Space', 2, 'Köln ', 'OPS'),
  (44, 'Decomposed', 2, CONCAT('Zu', _utf8mb4 0xCC88, 'rich'), 'ENG'),
  (45, 'No Department', 44, NULL, 'ENG');

CREATE TABLE project (
  code VARCHAR(20) NOT NULL,
  title VARCHAR(100) NOT NULL,
  dept_region VARCHAR(40) NOT NULL,
  dept_code VARCHAR(10) NOT NULL,
  PRIMARY KEY (code),
  KEY idx_project_department (dept_region, dept_code),
  CONSTRAINT fk_project_department FOREIGN KEY (dept_region, dept_code) REFERENCES department (region, code)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO project
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10)
SELECT CONCAT(ELT(1 + i % 5, 'P-Æon', 'P-Öl', 'P-东', 'P-🚀', 'P-ß'), '-', i),
       CONCAT('Project ', i, IF(i % 3 = 0, ' «spécial»', '')),
       ELT(1 + i % 6, 'Île-de-France', 'Köln', '東京', 'São Paulo', '🌍 Remote', 'Zürich'),
       IF(i % 2 = 0, 'ENG', 'OPS')
FROM n;

-- Child of employee and project, parent of timesheet (grandchild); a secondary index of its own.
CREATE TABLE assignment (
  employee_id INT NOT NULL,
  project_code VARCHAR(20) NOT NULL,
  role VARCHAR(30) NOT NULL,
  since DATE NOT NULL,
  PRIMARY KEY (employee_id, project_code),
  KEY idx_assignment_project (project_code, role),
  CONSTRAINT fk_assignment_employee FOREIGN KEY (employee_id) REFERENCES employee (id) ON DELETE CASCADE,
  CONSTRAINT fk_assignment_project FOREIGN KEY (project_code) REFERENCES project (code) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO assignment
SELECT e.id, p.code, ELT(1 + (e.id + CHAR_LENGTH(p.code)) % 3, 'lead', 'dev', 'reviewer'),
       DATE '2020-01-01' + INTERVAL (e.id * 7 + CHAR_LENGTH(p.code)) DAY
FROM employee e JOIN project p ON (e.id + CRC32(p.code)) % 4 = 0;

-- Grandchild: a composite foreign key to assignment's composite primary key.
CREATE TABLE timesheet (
  id INT NOT NULL AUTO_INCREMENT,
  employee_id INT NOT NULL,
  project_code VARCHAR(20) NOT NULL,
  day DATE NOT NULL,
  hours DECIMAL(4,2) NOT NULL,
  note VARCHAR(100) NULL,
  PRIMARY KEY (id),
  KEY idx_timesheet_day (day),
  CONSTRAINT fk_timesheet_assignment FOREIGN KEY (employee_id, project_code)
    REFERENCES assignment (employee_id, project_code) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
INSERT INTO timesheet (employee_id, project_code, day, hours, note)
SELECT a.employee_id, a.project_code, a.since + INTERVAL d.k DAY, 1.5 + d.k * 1.25,
       IF(d.k = 1, CONCAT('note ', a.employee_id, ' – ', a.project_code), NULL)
FROM assignment a CROSS JOIN (SELECT 0 AS k UNION ALL SELECT 1) d
ORDER BY a.employee_id, a.project_code, d.k;

-- A child table with a trigger: its rows keep their checks under packload's deferred mode.
CREATE TABLE employee_badge (
  id INT NOT NULL,
  employee_id INT NULL,
  label VARCHAR(40) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_badge_employee FOREIGN KEY (employee_id) REFERENCES employee (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
CREATE TRIGGER employee_badge_label BEFORE INSERT ON employee_badge FOR EACH ROW
  SET NEW.label = UPPER(NEW.label);
INSERT INTO employee_badge
WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30)
SELECT i, IF(i % 7 = 0, NULL, 1 + (i * 11) % 45), CONCAT(IF(i % 7 = 0, 'visitor ', 'badge '), i)
FROM n;
