-- Routines, created with client-side DELIMITER changes (two delimiters, upper and lower case).
use employees_like
SELECT 'CREATING ROUTINES' as 'INFO';

DELIMITER //
DROP FUNCTION IF EXISTS current_salary //
CREATE FUNCTION current_salary(p_emp_no INT) RETURNS INT
    READS SQL DATA
BEGIN
    DECLARE s INT;
    SELECT salary INTO s FROM salaries WHERE emp_no = p_emp_no AND to_date = '9999-01-01';
    RETURN s;
END //
DELIMITER ;

delimiter $$
DROP PROCEDURE IF EXISTS show_counts $$
CREATE PROCEDURE show_counts()
    READS SQL DATA
BEGIN
    SELECT 'departments' AS table_name, COUNT(*) AS row_count FROM departments
    UNION ALL SELECT 'employees', COUNT(*) FROM employees
    UNION ALL SELECT 'dept_emp', COUNT(*) FROM dept_emp
    UNION ALL SELECT 'dept_manager', COUNT(*) FROM dept_manager
    UNION ALL SELECT 'titles', COUNT(*) FROM titles
    UNION ALL SELECT 'salaries', COUNT(*) FROM salaries;
    SELECT COUNT(*) AS current_employees, SUM(current_salary(emp_no)) AS current_payroll FROM current_dept_emp;
END $$
delimiter ;
