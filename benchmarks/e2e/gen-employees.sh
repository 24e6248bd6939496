#!/usr/bin/env bash
# gen-employees.sh DIR [EMPLOYEES]: shape (f), an employees-like database in the layout of the test_db project's
# employees.sql: DIR/employees.sql creates 6 tables (composite primary keys, foreign keys, a view) and pulls the rows
# in with `source data/load_<table>.dump ;` lines, printing progress with `SELECT 'LOADING …' as 'INFO';`, as
# `mysql < employees.sql` run from DIR loads it. EMPLOYEES (default 300000) employees give about 13 rows each in all
# (salaries ~9.5, titles ~1.5, dept_emp ~1.1): ~3.9M rows, like test_db's. No USE or CREATE DATABASE: it loads into
# the client's default database. Deterministic: the same arguments give the same bytes.
set -euo pipefail
[ $# -ge 1 ] || { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2; }
dir=$1; n=${2:-300000}
mkdir -p "$dir/data"
cat >"$dir/employees.sql" <<'SQL'
-- An employees-like database (packload benchmark shape (f)), in the layout of test_db's employees.sql
DROP VIEW IF EXISTS current_dept_emp;
DROP TABLE IF EXISTS dept_emp, dept_manager, titles, salaries, employees, departments;

SELECT 'CREATING DATABASE STRUCTURE' as 'INFO';

CREATE TABLE employees (
    emp_no      INT             NOT NULL,
    birth_date  DATE            NOT NULL,
    first_name  VARCHAR(14)     NOT NULL,
    last_name   VARCHAR(16)     NOT NULL,
    gender      ENUM ('M','F')  NOT NULL,
    hire_date   DATE            NOT NULL,
    PRIMARY KEY (emp_no)
);

CREATE TABLE departments (
    dept_no     CHAR(4)         NOT NULL,
    dept_name   VARCHAR(40)     NOT NULL,
    PRIMARY KEY (dept_no),
    UNIQUE  KEY (dept_name)
);

CREATE TABLE dept_manager (
   emp_no       INT             NOT NULL,
   dept_no      CHAR(4)         NOT NULL,
   from_date    DATE            NOT NULL,
   to_date      DATE            NOT NULL,
   FOREIGN KEY (emp_no)  REFERENCES employees (emp_no)    ON DELETE CASCADE,
   FOREIGN KEY (dept_no) REFERENCES departments (dept_no) ON DELETE CASCADE,
   PRIMARY KEY (emp_no,dept_no)
);

CREATE TABLE dept_emp (
    emp_no      INT             NOT NULL,
    dept_no     CHAR(4)         NOT NULL,
    from_date   DATE            NOT NULL,
    to_date     DATE            NOT NULL,
    FOREIGN KEY (emp_no)  REFERENCES employees   (emp_no)  ON DELETE CASCADE,
    FOREIGN KEY (dept_no) REFERENCES departments (dept_no) ON DELETE CASCADE,
    PRIMARY KEY (emp_no,dept_no)
);

CREATE TABLE titles (
    emp_no      INT             NOT NULL,
    title       VARCHAR(50)     NOT NULL,
    from_date   DATE            NOT NULL,
    to_date     DATE,
    FOREIGN KEY (emp_no) REFERENCES employees (emp_no) ON DELETE CASCADE,
    PRIMARY KEY (emp_no,title, from_date)
);

CREATE TABLE salaries (
    emp_no      INT             NOT NULL,
    salary      INT             NOT NULL,
    from_date   DATE            NOT NULL,
    to_date     DATE            NOT NULL,
    FOREIGN KEY (emp_no) REFERENCES employees (emp_no) ON DELETE CASCADE,
    PRIMARY KEY (emp_no, from_date)
);

CREATE OR REPLACE VIEW current_dept_emp AS
    SELECT emp_no, dept_no, from_date, to_date FROM dept_emp WHERE to_date = '9999-01-01';

SELECT 'LOADING departments' as 'INFO';
source data/load_departments.dump ;
SELECT 'LOADING employees' as 'INFO';
source data/load_employees.dump ;
SELECT 'LOADING dept_emp' as 'INFO';
source data/load_dept_emp.dump ;
SELECT 'LOADING dept_manager' as 'INFO';
source data/load_dept_manager.dump ;
SELECT 'LOADING titles' as 'INFO';
source data/load_titles.dump ;
SELECT 'LOADING salaries' as 'INFO';
source data/load_salaries.dump ;
SQL
# each data file: INSERTs of 1000 rows (test_db's files hold a few thousand rows per INSERT)
awk -v n="$n" -v dir="$dir/data" 'function date(d) { return sprintf("%04d-%02d-%02d", 1952 + int(d / 336), 1 + int(d / 28) % 12, 1 + d % 28) }
function row(file, text) {
  if (count[file] % 1000 == 0) printf "%sINSERT INTO `%s` VALUES ", (count[file] ? ";\n" : ""), table[file] > file;
  else printf "," > file;
  printf "%s", text > file;
  count[file]++;
}
BEGIN {
  split("Marketing,Finance,Human Resources,Production,Development,Quality Management,Sales,Research,Customer Service", dn, ",");
  split("Georgi,Bezalel,Parto,Chirstian,Kyoichi,Anneke,Tzvetan,Saniya,Sumant,Duangkaew", fn, ",");
  split("Facello,Simmel,Bamford,Koblick,Maliniak,Preusig,Zielinski,Kalloufi,Peac,Piveteau", ln, ",");
  split("Senior Engineer,Staff,Engineer,Senior Staff,Assistant Engineer,Technique Leader,Manager", ti, ",");
  f["d"] = dir "/load_departments.dump"; table[f["d"]] = "departments";
  f["e"] = dir "/load_employees.dump"; table[f["e"]] = "employees";
  f["de"] = dir "/load_dept_emp.dump"; table[f["de"]] = "dept_emp";
  f["dm"] = dir "/load_dept_manager.dump"; table[f["dm"]] = "dept_manager";
  f["t"] = dir "/load_titles.dump"; table[f["t"]] = "titles";
  f["s"] = dir "/load_salaries.dump"; table[f["s"]] = "salaries";
  for (d = 1; d <= 9; d++) row(f["d"], sprintf("(\047d%03d\047,\047%s\047)", d, dn[d]));
  for (e = 10001; e < 10001 + n; e++) {
    hire = 12000 + (e * 7919) % 4000;
    row(f["e"], sprintf("(%d,\047%s\047,\047%s\047,\047%s\047,\047%s\047,\047%s\047)", e, date((e * 31) % 5000),
      fn[1 + e % 10], ln[1 + (e * 3) % 10], (e % 2 ? "M" : "F"), date(hire)));
    dept = 1 + e % 9;
    row(f["de"], sprintf("(%d,\047d%03d\047,\047%s\047,\047%s\047)", e, dept, date(hire), (e % 10 ? "9999-01-01" : date(hire + 900))));
    if (e % 10 == 0) row(f["de"], sprintf("(%d,\047d%03d\047,\047%s\047,\047%s\047)", e, 1 + (dept % 9), date(hire + 900), "9999-01-01"));
    if (e % 12500 == 0) row(f["dm"], sprintf("(%d,\047d%03d\047,\047%s\047,\047%s\047)", e, dept, date(hire), "9999-01-01"));
    row(f["t"], sprintf("(%d,\047%s\047,\047%s\047,%s)", e, ti[1 + e % 7], date(hire), (e % 2 ? "\0479999-01-01\047" : sprintf("\047%s\047", date(hire + 1500)))));
    if (e % 2 == 0) row(f["t"], sprintf("(%d,\047%s\047,\047%s\047,\0479999-01-01\047)", e, ti[1 + (e + 1) % 7], date(hire + 1500)));
    years = 5 + e % 10;
    for (y = 0; y < years; y++)
      row(f["s"], sprintf("(%d,%d,\047%s\047,\047%s\047)", e, 40000 + (e * 17 + y * 1301) % 60000, date(hire + 336 * y),
        (y == years - 1 ? "9999-01-01" : date(hire + 336 * (y + 1)))));
  }
  for (k in f) printf ";\n" > f[k];
}'
