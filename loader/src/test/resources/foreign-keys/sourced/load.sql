--  The foreign-keys fixtures' database in the layout of the test_db project's employees.sql
--  (github.com/datacharmer/test_db): this file creates the tables, foreign keys included, and a trigger, then pulls
--  each table's rows in with `source`, parents first. Written by hand for packload's tests (the tables are those of
--  ../source-schema.sql); the data files under data/ were written by mariadb-dump (see ../README.md).
--
--  Load it with the mariadb client from THIS folder, into an existing database:
--      cd <this folder> && mariadb -h127.0.0.1 -uroot --default-character-set=utf8mb4 <db> < load.sql
--  Like test_db's employees.sql it sets no FOREIGN_KEY_CHECKS: every row is checked as it goes in. Unlike it, no
--  SELECT ... as 'INFO' line stands between two `source` lines, so nothing but the order of the rows keeps a child's
--  rows after its parents'.

SELECT 'CREATING DATABASE STRUCTURE' as 'INFO';

CREATE TABLE region (
  name VARCHAR(40) NOT NULL,
  label VARCHAR(60) NOT NULL,
  PRIMARY KEY (name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE department (
  region VARCHAR(40) NOT NULL,
  code VARCHAR(10) NOT NULL,
  name VARCHAR(60) NOT NULL,
  PRIMARY KEY (region, code),
  CONSTRAINT fk_department_region FOREIGN KEY (region) REFERENCES region (name)
    ON DELETE CASCADE ON UPDATE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

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

CREATE TABLE employee_badge (
  id INT NOT NULL,
  employee_id INT NULL,
  label VARCHAR(40) NOT NULL,
  PRIMARY KEY (id),
  CONSTRAINT fk_badge_employee FOREIGN KEY (employee_id) REFERENCES employee (id) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

DELIMITER $$
CREATE TRIGGER employee_badge_label BEFORE INSERT ON employee_badge FOR EACH ROW
BEGIN
  SET NEW.label = UPPER(NEW.label);
END$$
DELIMITER ;

SELECT 'LOADING DATA' as 'INFO';

source data/region.sql ;
source data/department.sql ;
source data/employee.sql ;
source data/project.sql ;
source data/assignment.sql ;
source data/timesheet.sql ;
source data/employee_badge.sql ;

SELECT 'DONE' as 'INFO';
