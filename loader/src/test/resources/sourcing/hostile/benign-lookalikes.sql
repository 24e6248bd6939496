-- Text that looks like the client commands of hostile.sql but is data or comment: a safe loader loads this file.
-- (The mariadb client runs none of it as a command; checked by running this file with the client.)
CREATE TABLE lookalike_t (id INT PRIMARY KEY, note VARCHAR(200));
INSERT INTO lookalike_t VALUES (1, '\\! touch /tmp/pwned-packload-lookalike-1');
INSERT INTO lookalike_t VALUES (2, 'first line
system ls
connect otherdb 127.0.0.2
\\! touch /tmp/pwned-packload-lookalike-2');
INSERT INTO lookalike_t VALUES (3, "double-quoted \\! touch /tmp/pwned-packload-lookalike-3");
/* a block comment
system ls
*/
INSERT INTO lookalike_t VALUES (4, 'after the comment');
SELECT COUNT(*) AS rows_loaded FROM lookalike_t;
