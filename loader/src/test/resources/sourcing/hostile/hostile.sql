-- A dump with mariadb client commands that run programs or open connections, among ordinary statements.
-- A safe loader refuses this whole file before it sends anything (README.md). Never feed it to the mariadb client.
CREATE TABLE hostile_t (id INT PRIMARY KEY, note VARCHAR(100));
INSERT INTO hostile_t VALUES (1, 'before the shell escape');
\! touch /tmp/pwned-packload-hostile-1
INSERT INTO hostile_t VALUES (2, 'after the shell escape');
system ls
INSERT INTO hostile_t VALUES (3, 'after system');
connect otherdb 127.0.0.2
INSERT INTO hostile_t VALUES (4, 'this one would go to otherdb on 127.0.0.2');
   \! touch /tmp/pwned-packload-hostile-2
SELECT COUNT(*) AS rows_loaded FROM hostile_t;
